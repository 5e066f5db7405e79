// POST /oauth/token and the bearer check for every other API route. Tokens are kept only as
// sha256 digests and reported by a short sequential id, so no raw token can leak through the
// request log, stats or admin routes.
'use strict';

const crypto = require('node:crypto');
const { mediaType, parseJson, sendJson, sendLegacyError, sha256Hex } = require('./http');

const digest = (token) => sha256Hex(Buffer.from(token, 'utf8'));

function sameSecret(a, b) {
	const left = Buffer.from(String(a));
	const right = Buffer.from(String(b));
	return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** @param {import('./router').Context} ctx */
function tokenEndpoint(ctx) {
	const { state, res } = ctx;
	const config = state.config;
	const type = mediaType(ctx.req.headers['content-type']);
	const format = type === 'application/x-www-form-urlencoded' ? 'form' : type === 'application/json' ? 'json' : null;
	if (!format || !config.tokenBodyFormats.includes(format)) {
		return sendLegacyError(res, 415, `Unsupported content type '${type || '(none)'}'.`);
	}
	/** @type {Record<string, unknown> | undefined} */
	let fields;
	if (format === 'form') fields = Object.fromEntries(new URLSearchParams(ctx.body.toString('utf8')));
	else {
		const parsed = parseJson(ctx.body);
		fields = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
		if (!fields) return sendLegacyError(res, 400, 'The request body is not valid JSON.', { body: ['Expected a JSON object.'] });
	}
	/** @type {Record<string, string[]>} */
	const missing = {};
	for (const name of ['client_id', 'client_secret']) {
		if (typeof fields[name] !== 'string' || fields[name] === '') missing[name] = [`The ${name} field is required.`];
	}
	if (Object.keys(missing).length) return sendLegacyError(res, 400, 'The request is invalid.', missing);
	if (fields.client_id !== config.clientId || !sameSecret(fields.client_secret, config.clientSecret)) {
		return sendLegacyError(res, 401, "You couldn't be authenticated");
	}

	const token = crypto.randomBytes(32).toString('base64url'); // 43 characters
	const issuedAt = Date.now();
	const id = `tok-${++state.tokenSequence}`;
	const scheme = (!config.omitTokenType && config.tokenType) || 'Bearer';
	state.tokens.set(digest(token), { id, scheme, issuedAt, expiresAt: issuedAt + config.tokenLifetimeSeconds * 1000, revoked: false });
	state.counters.tokenExchanges += 1;
	ctx.logEntry.tokenId = id;
	/** @type {Record<string, unknown>} */
	const body = { access_token: token };
	if (!config.omitTokenType) body.token_type = config.tokenType;
	if (!config.omitExpiresIn) body.expires_in = config.expiresInAsString ? String(config.tokenLifetimeSeconds) : config.tokenLifetimeSeconds;
	return sendJson(res, 200, body);
}

/**
 * Checks `Authorization: <scheme> <token>` against Date.now() at request time; the scheme must be
 * the token type the token was issued with (any case; Bearer unless `tokenType` says otherwise).
 * Answers 401 itself and returns false when the token is missing, unknown, expired or revoked.
 * @param {import('./router').Context} ctx
 */
function authenticate(ctx) {
	const header = String(ctx.req.headers.authorization ?? '');
	const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
	const found = match ? ctx.state.tokens.get(digest(match[2])) : undefined;
	const record = found && found.scheme.toLowerCase() === match[1].toLowerCase() ? found : undefined;
	ctx.logEntry.tokenId = record ? record.id : match ? 'unknown' : null;
	if (record && !record.revoked && Date.now() < record.expiresAt) return true;
	ctx.state.counters.unauthorized += 1;
	sendLegacyError(ctx.res, 401, 'Unauthorized', undefined, { 'WWW-Authenticate': 'Bearer' });
	return false;
}

/** Invalidates every token issued so far; later exchanges work normally. */
function revokeAllTokens(state) {
	let count = 0;
	for (const record of state.tokens.values()) {
		if (!record.revoked) count += 1;
		record.revoked = true;
	}
	return count;
}

module.exports = { tokenEndpoint, authenticate, revokeAllTokens };
