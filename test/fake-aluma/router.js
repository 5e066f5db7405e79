// Route table helpers: `/documents/:id` style patterns, matched against the decoded path.
'use strict';

/**
 * @typedef {object} Context
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {ReturnType<typeof import('./state').createState>} state
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {Record<string, string>} params   percent-decoded path parameters
 * @property {Buffer} body
 * @property {import('./state').RequestLogEntry} logEntry
 * @property {(ms: number) => Promise<void>} sleep  real-time delay, cancelled by close()
 * @property {AbortSignal} signal   aborted when the server closes (cancels URL imports)
 *
 * @typedef {{ method: string, pattern: string, auth: boolean, handler: (ctx: Context) => unknown, regex: RegExp, keys: string[] }} Route
 */

/**
 * @param {string} method
 * @param {string} pattern
 * @param {(ctx: Context) => unknown} handler
 * @param {{ auth?: boolean }} [options]
 * @returns {Route}
 */
function route(method, pattern, handler, options = {}) {
	const keys = [];
	const source = pattern.replace(/:([A-Za-z]+)/g, (_, key) => {
		keys.push(key);
		return '([^/]+)';
	});
	return { method, pattern, handler, auth: options.auth ?? true, regex: new RegExp(`^${source}$`), keys };
}

/**
 * Finds the route for a request. `allowed` lists the methods of a path that exists but not for
 * this method (for 405).
 * @param {Route[]} routes
 * @param {string} method
 * @param {string} path
 */
function matchRoute(routes, method, path) {
	const allowed = [];
	for (const candidate of routes) {
		const m = candidate.regex.exec(path);
		if (!m) continue;
		if (candidate.method !== method) {
			allowed.push(candidate.method);
			continue;
		}
		/** @type {Record<string, string>} */
		const params = {};
		try {
			candidate.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
		} catch {
			return { route: null, params: {}, allowed: [], badEncoding: true };
		}
		return { route: candidate, params, allowed: [], badEncoding: false };
	}
	return { route: null, params: {}, allowed, badEncoding: false };
}

module.exports = { route, matchRoute };
