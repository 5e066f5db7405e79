// Loads nock for the contract tests.
//
// nock 15 is an ES module; jest (CommonJS, Node 20) cannot load it through its own module system,
// and it replaces `require` and `module.createRequire` in test code. Node 20.19+ can require() an ES
// module natively, so nock is loaded with Node's own loader (`Module._load`, which jest's module
// class copies from Node's). nock then patches the real node:http/node:https modules, which are the
// same objects jest hands to n8n-core's outbound layer (axios), so every request is intercepted.
//
// nock's interceptor library (@mswjs/interceptors 0.44) calls `Promise.withResolvers`, which Node 20
// lacks (Node 22+). It runs in Node's own realm, not jest's, so the standard polyfill is added to
// that realm's Promise (reached through a promise a core module makes).
'use strict';

const Module = require('node:module');
const path = require('node:path');
const { promises: fsPromises } = require('node:fs');

function withResolvers() {
	let resolve;
	let reject;
	const promise = new this((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const probe = fsPromises.access(__filename).catch(() => undefined);
for (const PromiseClass of [probe.constructor, Promise]) {
	if (typeof PromiseClass.withResolvers !== 'function') {
		Object.defineProperty(PromiseClass, 'withResolvers', { value: withResolvers, configurable: true, writable: true });
	}
}

const entry = path.join(__dirname, '..', '..', 'node_modules', 'nock', 'dist', 'index.js');
const loaded = Module._load(entry, null, false);

module.exports = loaded.default ?? loaded;
