// Small HTTP helpers shared by the route modules: body reading, the two Aluma error shapes,
// content negotiation and ids. Node built-ins only, so the fake runs with plain `node`.
'use strict';

const crypto = require('node:crypto');

/** Aluma ids are ~22 url-safe base64 characters (16 random bytes). */
function newId() {
	return crypto.randomBytes(16).toString('base64url');
}

/** ISO-8601 UTC without milliseconds, as in Aluma's examples (`2024-03-25T16:37:08Z`). */
function isoNow(ms = Date.now()) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Reads the whole request body. Past `limit` bytes it keeps draining (so the connection stays
 * usable) but stops storing, and reports `tooLarge`.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<{ body: Buffer, size: number, tooLarge: boolean }>}
 */
function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () => resolve({ body: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), size, tooLarge: size > limit }));
		req.on('error', reject);
	});
}

/** Lower-cased media type without parameters, or '' when absent. */
function mediaType(header) {
	return String(header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The media types of an Accept header, best first (by q, then by order).
 * @param {string | undefined} header
 * @returns {string[]}
 */
function acceptedTypes(header) {
	if (!header) return [];
	return header
		.split(',')
		.map((part, index) => {
			const [type, ...params] = part.split(';').map((s) => s.trim());
			const q = params.find((p) => p.startsWith('q='));
			return { type: type.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
		})
		.filter((entry) => entry.type && entry.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index)
		.map((entry) => entry.type);
}

/** First of `offered` that the Accept header allows; `fallback` when the header is absent. */
function negotiate(header, offered, fallback) {
	const wanted = acceptedTypes(header);
	if (wanted.length === 0) return fallback;
	for (const type of wanted) {
		if (offered.includes(type)) return type;
		if (type === '*/*') return fallback;
		if (type.endsWith('/*')) {
			const match = offered.find((o) => o.startsWith(type.slice(0, -1)));
			if (match) return match;
		}
	}
	return null;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {Record<string, string | number>} headers
 * @param {Buffer | string} [body]
 */
function send(res, status, headers, body = '') {
	if (res.headersSent || res.destroyed) return;
	const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	res.writeHead(status, { ...headers, 'Content-Length': buffer.length });
	res.end(buffer);
}

function sendJson(res, status, value, contentType = 'application/json; charset=utf-8', headers = {}) {
	send(res, status, { 'Content-Type': contentType, ...headers }, JSON.stringify(value));
}

/**
 * Legacy error shape used by the documents, classifier and token APIs: `{message, requestErrors?}`.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} message
 * @param {Record<string, string[]>} [requestErrors]
 */
function sendLegacyError(res, status, message, requestErrors, headers = {}) {
	sendJson(res, status, requestErrors ? { message, requestErrors } : { message }, undefined, headers);
}

const PROBLEM_BASE = 'https://docs.aluma.io/problems/';

/**
 * RFC 7807 body; `instance` is a non-resolving URN, unique per occurrence, as Aluma describes it.
 * `extra` adds members such as `errors: [{field, detail}]` (the Go client reads an `errors` array).
 */
function problem(status, slug, title, detail, extra = {}) {
	return { type: PROBLEM_BASE + slug, title, status, detail, instance: `urn:uuid:${crypto.randomUUID()}`, ...extra };
}

function sendProblem(res, status, slug, title, detail, headers = {}, extra = {}) {
	sendJson(res, status, problem(status, slug, title, detail, extra), 'application/problem+json; charset=utf-8', headers);
}

/** Parses JSON, returning `undefined` instead of throwing. */
function parseJson(buffer) {
	try {
		return JSON.parse(buffer.toString('utf8'));
	} catch {
		return undefined;
	}
}

function sha256Hex(buffer) {
	return crypto.createHash('sha256').update(buffer).digest('hex');
}

module.exports = {
	newId,
	isoNow,
	readBody,
	mediaType,
	acceptedTypes,
	negotiate,
	send,
	sendJson,
	sendLegacyError,
	problem,
	sendProblem,
	parseJson,
	sha256Hex,
};
