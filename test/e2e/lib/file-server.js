// The fixtures over HTTP, for the fake Aluma's `importHosts` (Aluma downloads URL imports itself).
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { fixture } = require('./workflows');

/** `{ origin, requested, close() }`: serves test/fixtures by base name, records every path asked for. */
async function startFileServer() {
	const requested = [];
	const server = http.createServer((req, res) => {
		const pathname = new URL(req.url, 'http://127.0.0.1').pathname;
		requested.push(pathname);
		const name = path.basename(pathname);
		const file = fixture(name);
		if (!/^[\w.-]+$/.test(name) || !fs.existsSync(file)) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
			return;
		}
		res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fs.readFileSync(file));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { origin: `http://127.0.0.1:${server.address().port}`, requested, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Runs `work()` while the fake Aluma downloads `https://<host>/…` from the fixtures: `{ result, requested }`. */
async function withImportHost(t, host, work) {
	const files = await startFileServer();
	try {
		await t.fake.setConfig({ importHosts: { [host]: files.origin } });
		return { result: await work(), requested: files.requested };
	} finally {
		await files.close();
	}
}

module.exports = { startFileServer, withImportHost };
