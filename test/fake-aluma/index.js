// Fake Aluma HTTP server for tests, demos and end-to-end runs against a real n8n. Follows Aluma's
// public API documentation and official clients; where Aluma is undocumented the choices are
// listed in README.md.
'use strict';

const http = require('node:http');
const timers = require('node:timers');
const { DEFAULTS, validateConfig, publicConfig } = require('./config');
const { createState, resetState, sweepIdleDocuments, logRequest, stats } = require('./state');
const { readBody, sendLegacyError } = require('./http');
const { route, matchRoute } = require('./router');
const { tokenEndpoint, authenticate, revokeAllTokens } = require('./auth');
const { documentRoutes } = require('./documents');
const { suggestionRoutes } = require('./suggestions');
const { modelRoutes } = require('./models');
const { taskRoutes, advanceTask, taskDetails } = require('./tasks');
const { normalizeFault, takeFault, applyFault, describeFaults } = require('./faults');
const { adminRoutes, handleAdmin } = require('./admin');

const TOKEN_ROUTE = 'POST /oauth/token';

/**
 * @typedef {Partial<import('./config').FakeAlumaConfig> & { host?: string, port?: number }} FakeAlumaOptions
 *
 * @typedef {object} FakeAlumaStats
 * @property {number} tokenExchanges          successful token exchanges
 * @property {number} tokenRequests           every POST /oauth/token
 * @property {number} tokenFailures           token requests not answered 200 (faults included)
 * @property {number} unauthorized            401s for a missing/unknown/expired/revoked bearer token
 * @property {number} requests                API requests (not /__admin)
 * @property {number} liveDocuments
 * @property {number} peakLiveDocuments
 * @property {number} documentCapAnswers      creations refused because the document allowance was full
 * @property {number} documentsCreated
 * @property {number} documentsDeleted        explicit deletes plus idle expiries
 * @property {number} documentsExpired        idle expiries only
 * @property {number} inFlightProcessing      read/classify/extract/redact calls under way
 * @property {number} peakInFlightProcessing
 * @property {number} faultsApplied
 * @property {Record<string, number>} byRoute e.g. { 'POST /documents': 2 }
 *
 * @typedef {object} FakeAluma
 * @property {string} url                     e.g. http://127.0.0.1:43121
 * @property {number} port
 * @property {ReturnType<typeof createState>} state  live internal state (read-only by convention)
 * @property {() => FakeAlumaStats} stats
 * @property {() => import('./state').RequestLogEntry[]} requests
 * @property {() => void} reset               empty state, counters, log and faults; restore the start config; seed again
 * @property {() => number} revokeAllTokens   invalidate every token issued so far; returns how many were valid
 * @property {(fault: import('./faults').FaultInput) => void} injectFault
 * @property {() => object[]} faults          faults still queued
 * @property {(partial: Partial<import('./config').FakeAlumaConfig>) => object} setConfig  returns the config (secret masked)
 * @property {(taskId: string, to?: string) => object} advanceTask  one automatic step now, or straight to state `to`
 * @property {(taskId: string) => object} task  the task as listed, plus `client_action_bodies` ([{step, action, body}] as received)
 * @property {() => Promise<void>} close      stops listening and destroys open sockets (keep-alive and hung ones)
 */

/**
 * Starts a fake Aluma server.
 * @param {FakeAlumaOptions} [options]
 * @returns {Promise<FakeAluma>}
 */
async function startFakeAluma(options = {}) {
	const { host = '127.0.0.1', port = 0, ...configOptions } = options;
	const initialConfig = { ...DEFAULTS, ...validateConfig(configOptions) };
	const state = createState({ ...initialConfig });
	const sockets = new Set();
	const pendingTimers = new Set();
	const closing = new AbortController();

	/** A real-time delay (node:timers, unaffected by jest fake timers) that close() cancels. */
	const sleep = (ms) =>
		new Promise((resolve) => {
			const timer = timers.setTimeout(() => {
				pendingTimers.delete(timer);
				resolve(undefined);
			}, ms);
			pendingTimers.add(timer);
		});

	const apiRoutes = [route('POST', '/oauth/token', tokenEndpoint, { auth: false }), ...documentRoutes, ...suggestionRoutes, ...modelRoutes, ...taskRoutes];

	/** @type {FakeAluma} */
	const fake = {
		url: '',
		port: 0,
		state,
		stats: () => /** @type {FakeAlumaStats} */ (stats(state)),
		requests: () => state.log.map((entry) => ({ ...entry, query: { ...entry.query } })),
		reset: () => {
			state.config = { ...initialConfig };
			resetState(state);
		},
		revokeAllTokens: () => revokeAllTokens(state),
		injectFault: (fault) => {
			state.faults.push(normalizeFault(fault));
		},
		faults: () => describeFaults(state),
		setConfig: (partial) => {
			Object.assign(state.config, validateConfig(partial));
			return publicConfig(state.config);
		},
		advanceTask: (taskId, to) => {
			const result = advanceTask(state, taskId, to);
			if (result.error) throw new Error(result.error);
			return /** @type {object} */ (result.task);
		},
		task: (taskId) => {
			const result = taskDetails(state, taskId);
			if (result.error) throw new Error(result.error);
			return /** @type {object} */ (result.task);
		},
		close: () => closeServer(),
	};
	const admin = adminRoutes(fake);

	/**
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 */
	async function handle(req, res) {
		const arrivedAt = Date.now();
		const url = new URL(req.url ?? '/', 'http://fake-aluma.invalid');
		const method = req.method ?? 'GET';
		const path = url.pathname;
		const { body, size, tooLarge } = await readBody(req, state.config.maxFileBytes);
		sweepIdleDocuments(state);

		/** @type {import('./router').Context} */
		const ctx = {
			req,
			res,
			state,
			path,
			query: Object.fromEntries(url.searchParams),
			params: {},
			body,
			// Replaced below for API routes; admin calls are not logged.
			logEntry: /** @type {any} */ ({}),
			sleep,
			signal: closing.signal,
		};
		if (path.startsWith('/__admin/')) return handleAdmin(admin, ctx);

		const match = matchRoute(apiRoutes, method, path);
		const routeName = match.route ? `${method} ${match.route.pattern}` : `${method} (unmatched)`;
		const entry = {
			method,
			path,
			query: ctx.query,
			status: /** @type {number | null} */ (null),
			contentType: req.headers['content-type'] ?? null,
			accept: req.headers.accept ?? null,
			bodyBytes: size,
			tokenId: /** @type {string | null} */ (null),
			route: routeName,
			fault: /** @type {string | null} */ (null),
			// which client process sent it, when a test tags its processes (queue mode: main or a worker)
			origin: typeof req.headers['x-test-origin'] === 'string' ? req.headers['x-test-origin'] : null,
			at: arrivedAt,
		};
		ctx.logEntry = entry;
		const counters = state.counters;
		counters.requests += 1;
		counters.byRoute[routeName] = (counters.byRoute[routeName] ?? 0) + 1;
		if (routeName === TOKEN_ROUTE) counters.tokenRequests += 1;
		logRequest(state, entry);
		res.on('finish', () => {
			entry.status = res.statusCode;
			if (routeName === TOKEN_ROUTE && res.statusCode !== 200) state.counters.tokenFailures += 1;
		});

		const fault = takeFault(state, method, path);
		if (fault) {
			entry.fault = fault.kind;
			counters.faultsApplied += 1;
			if (fault.kind === 'reset') {
				entry.status = 0;
				if (routeName === TOKEN_ROUTE) counters.tokenFailures += 1;
			}
			return applyFault(ctx, fault);
		}
		if (tooLarge) return sendLegacyError(res, 413, `The file is larger than the maximum of ${state.config.maxFileBytes} bytes.`);
		if (match.badEncoding) return sendLegacyError(res, 400, 'The path is not correctly percent-encoded.');
		if (!match.route) {
			if (match.allowed.length) return sendLegacyError(res, 405, `Use ${match.allowed.join(' or ')} on ${path}.`, undefined, { Allow: match.allowed.join(', ') });
			return sendLegacyError(res, 404, `No resource at ${path}.`);
		}
		ctx.params = match.params;
		if (match.route.auth && !authenticate(ctx)) return;
		await match.route.handler(ctx);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			// A client that hung up mid-request is not worth a report.
			if (res.writableEnded || res.destroyed || !res.socket || res.socket.destroyed) return;
			// Otherwise only the fake's own bugs land here; the message names no secret.
			process.stderr.write(`fake-aluma: ${error.stack ?? error}\n`);
			sendLegacyError(res, 500, `fake-aluma internal error: ${error.message}`);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	/** @type {Promise<void> | null} */
	let closed = null;
	function closeServer() {
		closed ??= new Promise((resolve) => {
			closing.abort();
			for (const timer of pendingTimers) timers.clearTimeout(timer);
			pendingTimers.clear();
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		});
		return closed;
	}

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	fake.port = address.port;
	fake.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
	return fake;
}

module.exports = { startFakeAluma };
