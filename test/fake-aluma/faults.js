// Deterministic fault injection for retry and reliability tests. Faults wait in a queue; each
// request takes the first fault that matches it, which then answers instead of the real route
// (before the bearer check, as a gateway in front of Aluma would).
'use strict';

const { STATUS_CODES } = require('node:http');
const { send, sendJson, problem } = require('./http');

const KINDS = ['status', 'reset', 'hang', 'malformed-json', 'html', 'empty', 'token', 'redirect'];
const TOKEN_PATH = '/oauth/token';

/**
 * @typedef {object} FaultInput
 * @property {'status' | 'reset' | 'hang' | 'malformed-json' | 'html' | 'empty' | 'token'} kind
 * @property {string} [method]      only this HTTP method
 * @property {string} [path]        regex tested against the path; default: every API route but /oauth/token
 * @property {number} [times]       how many requests it answers (default 1)
 * @property {number} [status]      for status/token (default 503) and html (default 502)
 * @property {string} [retryAfter]  Retry-After header value
 * @property {'legacy' | 'problem'} [format]  default body shape for status/token (default legacy)
 * @property {unknown} [body]       explicit body: a string is sent as text/plain, anything else as JSON
 * @property {string} [location]    for redirect: the Location header (status defaults to 302)
 */

/**
 * Validates a fault and returns its queued form. Throws with a readable message.
 * @param {FaultInput} input
 */
function normalizeFault(input) {
	if (!input || typeof input !== 'object') throw new Error('a fault must be an object');
	if (!KINDS.includes(input.kind)) throw new Error(`fault kind must be one of ${KINDS.join(', ')}`);
	const times = input.times ?? 1;
	if (!Number.isInteger(times) || times < 1) throw new Error('fault "times" must be a positive integer');
	const defaultStatus = input.kind === 'html' ? 502 : input.kind === 'redirect' ? 302 : 503;
	if (input.kind === 'redirect' && typeof input.location !== 'string') throw new Error('a redirect fault needs a "location"');
	const status = input.status ?? defaultStatus;
	if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error('fault "status" must be an HTTP status');
	let regex = null;
	if (input.path !== undefined) {
		try {
			regex = new RegExp(String(input.path));
		} catch {
			throw new Error(`fault "path" is not a valid regular expression: ${input.path}`);
		}
	}
	return {
		kind: input.kind,
		method: input.method ? String(input.method).toUpperCase() : null,
		path: input.path === undefined ? null : String(input.path),
		regex,
		times,
		status,
		retryAfter: input.retryAfter === undefined ? null : String(input.retryAfter),
		format: input.format === 'problem' ? 'problem' : 'legacy',
		body: input.body,
		location: input.location ?? null,
	};
}

function matches(fault, method, path) {
	const isToken = method === 'POST' && path === TOKEN_PATH;
	if (fault.kind === 'token' && !isToken) return false;
	if (fault.method && fault.method !== method) return false;
	if (fault.regex) return fault.regex.test(path);
	return fault.kind === 'token' || !isToken;
}

/** Takes (consumes one use of) the first queued fault matching the request, if any. */
function takeFault(state, method, path) {
	const index = state.faults.findIndex((f) => matches(f, method, path));
	if (index < 0) return null;
	const fault = state.faults[index];
	fault.times -= 1;
	if (fault.times === 0) state.faults.splice(index, 1);
	return fault;
}

const PROXY_PAGE = (status) =>
	`<html>\r\n<head><title>${status} ${STATUS_CODES[status] ?? 'Error'}</title></head>\r\n<body>\r\n` +
	`<center><h1>${status} ${STATUS_CODES[status] ?? 'Error'}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/**
 * Answers the request as the fault says.
 * @param {import('./router').Context} ctx
 * @param {ReturnType<typeof normalizeFault>} fault
 */
function applyFault(ctx, fault) {
	const { res } = ctx;
	/** @type {Record<string, string>} */
	const headers = fault.retryAfter === null ? {} : { 'Retry-After': fault.retryAfter };
	switch (fault.kind) {
		case 'reset':
			ctx.req.socket.destroy();
			return;
		case 'hang':
			return; // the socket stays open until the client gives up or the server closes
		case 'malformed-json':
			return send(res, 200, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, '{"oops"');
		case 'empty':
			return send(res, 200, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, '');
		case 'html':
			return send(res, fault.status, { 'Content-Type': 'text/html', ...headers }, PROXY_PAGE(fault.status));
		case 'redirect':
			return send(res, fault.status, { Location: fault.location, ...headers }, '');
		default: {
			// 'status' and 'token'
			if (typeof fault.body === 'string') return send(res, fault.status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, fault.body);
			const reason = STATUS_CODES[fault.status] ?? 'Error';
			if (fault.format === 'problem') {
				const body = fault.body ?? problem(fault.status, 'injected-fault', reason, 'Injected by fake-aluma.');
				return sendJson(res, fault.status, body, 'application/problem+json; charset=utf-8', headers);
			}
			return sendJson(res, fault.status, fault.body ?? { message: reason }, undefined, headers);
		}
	}
}

/** Queued faults, without the compiled regex, for the admin view. */
function describeFaults(state) {
	return state.faults.map(({ regex, ...rest }) => rest);
}

module.exports = { normalizeFault, takeFault, applyFault, describeFaults, KINDS };
