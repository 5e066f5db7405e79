// Test-side servers for the reliability suite (plain CommonJS, Node built-ins only).
//
// `startTap({ target })` is a small HTTP proxy in front of the fake Aluma. The node's credential
// points at the tap, so every request goes tap → fake and back unchanged, while the tap
//  - captures each access token the fake issues (the fake itself keeps only digests), so the
//    secret sweep knows every token to look for;
//  - records the Authorization header of every request it relays (which token went where);
//  - can answer a redirect instead of the fake (`redirect`), e.g. 302 to another host;
//  - can answer headers and half a body, then stall (`stall`): a response that starts and never ends;
//  - can relay a request and then answer a redirect to what the fake created (`redirectAfter`), as
//    a server that acts on a POST and answers 303 See Other (or 301/302) would;
//  - can answer bytes that are not valid HTTP (`garble`), as a broken proxy would;
//  - can relay the fake's answer but cut it (`cut`): half the body then a closed connection, with
//    its Content-Length ('short') or chunked ('chunked'), or more bytes than its Content-Length says ('long');
//  - can run a hook before relaying a request (`onRequest`), e.g. revoke tokens at the 3rd classify.
// A reset from the fake resets the client's connection; a client that gives up (timeout) closes
// the upstream request, so the fake's `hang` fault behaves as it does without the tap.
//
// `startRecorder()` is "another host": it answers 200 to everything and records each request's
// headers and body, so a test can prove that no token or secret was ever sent to it.
'use strict';

const http = require('node:http');

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function forwardable(headers) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
	}
	return out;
}

function listen(server) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(`http://127.0.0.1:${server.address().port}`);
		});
	});
}

function closer(server, sockets) {
	let closed;
	return () => {
		closed ??= new Promise((resolve) => {
			server.close(() => resolve(undefined));
			for (const socket of sockets) socket.destroy();
		});
		return closed;
	};
}

/**
 * @typedef {{ method: string, path: string, authorization: string | null, at: number }} RelayedRequest
 * @typedef {{ method?: string, path: RegExp, status?: number, location: string, times?: number }} RedirectRule
 * @typedef {{ method: string, path: string }} RequestInfo
 */

/**
 * @param {{ target: string }} options  target: the fake's URL, e.g. http://127.0.0.1:43121
 */
async function startTap({ target }) {
	const upstream = new URL(target);
	const sockets = new Set();
	/** Every access token issued through the tap, in order. */
	const tokens = /** @type {string[]} */ ([]);
	/** Requests relayed or answered, with the Authorization header they carried. */
	const relayed = /** @type {RelayedRequest[]} */ ([]);
	/** @type {Array<Required<RedirectRule>>} */
	let redirects = [];
	/** @type {Array<{ method: string, path: RegExp, times: number }>} */
	let stalls = [];
	/** @type {Array<(info: RequestInfo) => void>} */
	let hooks = [];
	/** @type {Array<{ method: string, path: RegExp, status: number, location: (created: any) => string, times: number }>} */
	let redirectsAfter = [];
	/** @type {Array<{ method: string, path: RegExp, times: number }>} */
	let garbles = [];
	/** @type {Array<{ method: string, path: RegExp, ms: number, times: number }>} */
	let delays = [];
	/** @type {Array<{ method: string, path: RegExp, mode: 'short' | 'chunked' | 'long', times: number }>} */
	let cuts = [];

	const server = http.createServer((req, res) => {
		const method = req.method ?? 'GET';
		const path = new URL(req.url ?? '/', 'http://tap.invalid').pathname;
		relayed.push({ method, path, authorization: req.headers.authorization ?? null, at: Date.now() });
		for (const hook of hooks) hook({ method, path });
		const delay = delays.find((r) => (!r.method || r.method === method) && r.path.test(path));
		if (delay) {
			delay.times -= 1;
			if (delay.times === 0) delays = delays.filter((r) => r !== delay);
			req.pause();
			setTimeout(() => handle(req, res, path), delay.ms);
			return;
		}
		handle(req, res, path);
	});

	function handle(req, res, path) {
		const method = req.method ?? 'GET';

		const stall = stalls.find((r) => (!r.method || r.method === method) && r.path.test(path));
		if (stall) {
			stall.times -= 1;
			if (stall.times === 0) stalls = stalls.filter((r) => r !== stall);
			req.resume();
			// Headers and the start of a body, then nothing: the response never ends.
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
			res.write('{"classifiers": [');
			return;
		}

		const garble = garbles.find((r) => (!r.method || r.method === method) && r.path.test(path));
		if (garble) {
			garble.times -= 1;
			if (garble.times === 0) garbles = garbles.filter((r) => r !== garble);
			req.resume();
			req.on('end', () => {
				res.socket?.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1x\r\n\r\n{}');
			});
			return;
		}
		const after = redirectsAfter.find((r) => (!r.method || r.method === method) && r.path.test(path));
		if (after) {
			after.times -= 1;
			if (after.times === 0) redirectsAfter = redirectsAfter.filter((r) => r !== after);
		}

		const cut = cuts.find((r) => (!r.method || r.method === method) && r.path.test(path));
		if (cut) {
			cut.times -= 1;
			if (cut.times === 0) cuts = cuts.filter((r) => r !== cut);
		}

		const rule = redirects.find((r) => (!r.method || r.method === method) && r.path.test(path));
		if (rule) {
			rule.times -= 1;
			if (rule.times === 0) redirects = redirects.filter((r) => r !== rule);
			req.resume();
			res.writeHead(rule.status, { Location: rule.location, 'Content-Length': '0' });
			res.end();
			return;
		}

		const up = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method,
				path: req.url,
				headers: forwardable(req.headers),
				agent: false,
			},
			(upRes) => {
				const headers = forwardable(upRes.headers);
				const isToken = method === 'POST' && path === '/oauth/token' && upRes.statusCode === 200;
				upRes.on('aborted', () => res.destroy());
				upRes.on('error', () => res.destroy());
				if (cut && (upRes.statusCode ?? 500) < 300) {
					const chunks = [];
					upRes.on('data', (chunk) => chunks.push(chunk));
					upRes.on('end', () => answerCut(res, upRes, Buffer.concat(chunks), cut.mode));
					return;
				}
				if (after && (upRes.statusCode ?? 500) < 300) {
					const chunks = [];
					upRes.on('data', (chunk) => chunks.push(chunk));
					upRes.on('end', () => {
						const created = JSON.parse(Buffer.concat(chunks).toString('utf8'));
						res.writeHead(after.status, { Location: after.location(created), 'Content-Length': '0' });
						res.end();
					});
					return;
				}
				if (!isToken) {
					res.writeHead(upRes.statusCode ?? 502, headers);
					upRes.pipe(res);
					return;
				}
				const chunks = [];
				upRes.on('data', (chunk) => chunks.push(chunk));
				upRes.on('end', () => {
					const body = Buffer.concat(chunks);
					try {
						const token = JSON.parse(body.toString('utf8')).access_token;
						if (typeof token === 'string' && token !== '') tokens.push(token);
					} catch {
						// not JSON: nothing to capture
					}
					res.writeHead(upRes.statusCode ?? 200, headers);
					res.end(body);
				});
			},
		);
		// The fake reset the connection (or went away): reset the client's connection too.
		up.on('error', () => req.socket.destroy());
		// The client gave up (timeout) or reset: stop waiting for the fake.
		res.on('close', () => {
			if (!res.writableFinished) up.destroy();
		});
		req.pipe(up);
	}
	/** Writes the fake's answer `body` by hand, broken as `mode` says. */
	function answerCut(res, upRes, body, mode) {
		const socket = res.socket;
		const headers = Object.entries(forwardable(upRes.headers)).filter(([name]) => name.toLowerCase() !== 'content-length');
		const head = [`HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage ?? ''}`, ...headers.map(([name, value]) => `${name}: ${value}`)];
		const half = body.subarray(0, Math.floor(body.length / 2));
		if (mode === 'chunked') {
			head.push('Transfer-Encoding: chunked');
			socket.write(`${head.join('\r\n')}\r\n\r\n${half.length.toString(16)}\r\n`);
			socket.write(half);
			socket.end('\r\n'); // no terminating 0-length chunk
			return;
		}
		head.push(`Content-Length: ${body.length}`);
		socket.write(`${head.join('\r\n')}\r\n\r\n`);
		if (mode === 'long') {
			socket.end(Buffer.concat([body, Buffer.from('-- bytes beyond the announced Content-Length --')]));
			return;
		}
		socket.write(half);
		socket.destroy();
	}

	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const url = await listen(server);

	return {
		url,
		tokens,
		relayed,
		/** @param {RedirectRule} rule */
		redirect(rule) {
			redirects.push({ method: rule.method ?? '', path: rule.path, status: rule.status ?? 302, location: rule.location, times: rule.times ?? 1 });
		},
		/** Relays matching requests, then answers `status` with a Location made from the fake's JSON answer. */
		redirectAfter(rule) {
			redirectsAfter.push({ method: rule.method ?? '', path: rule.path, status: rule.status ?? 303, location: rule.location, times: rule.times ?? 1 });
		},
		/** Holds matching requests `ms` before relaying them (a slow Aluma for one route). */
		delay(rule) {
			delays.push({ method: rule.method ?? '', path: rule.path, ms: rule.ms, times: rule.times ?? 1 });
		},
		/** Answers matching requests with a response that is not valid HTTP (a broken Content-Length). */
		garble(rule) {
			garbles.push({ method: rule.method ?? '', path: rule.path, times: rule.times ?? 1 });
		},
		/** Relays matching requests and breaks the fake's successful answer: 'short', 'chunked' or 'long' (see above). */
		cut(rule) {
			cuts.push({ method: rule.method ?? '', path: rule.path, mode: rule.mode ?? 'short', times: rule.times ?? 1 });
		},
		/** Answers matching requests with headers and half a body, then stalls (instead of the fake). */
		stall(rule) {
			stalls.push({ method: rule.method ?? '', path: rule.path, times: rule.times ?? 1 });
		},
		/** @param {(info: RequestInfo) => void} hook */
		onRequest(hook) {
			hooks.push(hook);
		},
		/** Forgets redirects, hooks and the relay log (captured tokens are kept: the sweep needs them all). */
		reset() {
			redirects = [];
			stalls = [];
			hooks = [];
			redirectsAfter = [];
			garbles = [];
			delays = [];
			cuts = [];
			relayed.length = 0;
		},
		close: closer(server, sockets),
	};
}

/**
 * @typedef {{ method: string, url: string, headers: Record<string, unknown>, body: string }} RecordedRequest
 */
async function startRecorder() {
	const sockets = new Set();
	const requests = /** @type {RecordedRequest[]} */ ([]);
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ classifiers: [], elsewhere: true }));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const url = await listen(server);
	return { url, requests, close: closer(server, sockets) };
}

module.exports = { startTap, startRecorder };
