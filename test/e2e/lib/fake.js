// Starts the project's fake Aluma server (test/fake-aluma/cli.js) in its own process and wraps its
// /__admin routes.
'use strict';

const path = require('node:path');
const { startProcess } = require('./util');

/**
 * @param {{ repoRoot: string, logFile: string, clientId: string, clientSecret: string }} options
 */
async function startFake({ repoRoot, logFile, clientId, clientSecret }) {
	const cli = path.join(repoRoot, 'test', 'fake-aluma', 'cli.js');
	// --port 0: the OS picks a free port; the ready line tells which. The secret goes by environment:
	// not visible in the process list, and a value starting with "-" is not taken for an option.
	const proc = await startProcess(process.execPath, [cli, '--port', '0', '--host', '127.0.0.1', '--client-id', clientId], {
		env: { ...process.env, FAKE_ALUMA_CLIENT_SECRET: clientSecret },
		ready: /fake-aluma listening on (http:\/\/127\.0\.0\.1:(\d+))/,
		logFile,
		label: 'fake-aluma',
		timeoutMs: 30_000,
	});
	const url = proc.match[1];

	async function admin(method, route, body) {
		const response = await fetch(`${url}${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`fake-aluma ${method} ${route} -> ${response.status} ${text}`);
		return text ? JSON.parse(text) : {};
	}

	return {
		url,
		port: Number(proc.match[2]),
		/** `{ tokenExchanges, tokenRequests, tokenFailures, unauthorized, requests, liveDocuments, byRoute, ... }` */
		stats: () => admin('GET', '/__admin/stats'),
		/** Request log: `[{ method, path, status, route, tokenId, at, ... }]` (never a token). */
		requests: async () => (await admin('GET', '/__admin/requests')).requests,
		/** Empties all state and counters, revokes every token, restores the start config. */
		reset: () => admin('POST', '/__admin/reset'),
		revokeTokens: () => admin('POST', '/__admin/revoke-tokens'),
		setConfig: (partial) => admin('POST', '/__admin/config', partial),
		injectFaults: (faults) => admin('POST', '/__admin/faults', faults),
		documents: async () => (await admin('GET', '/__admin/documents')).documents,
		/** A task as listed, plus `client_action_bodies`: `[{ step, action, body }]` as the fake received them. */
		task: (id) => admin('GET', `/__admin/tasks/${encodeURIComponent(id)}`),
		/** Moves a task on: one automatic step, or straight to state `to`. */
		advanceTask: (id, to) => admin('POST', `/__admin/tasks/${encodeURIComponent(id)}/advance`, to ? { to } : undefined),
		stop: () => proc.stop(),
	};
}

module.exports = { startFake };
