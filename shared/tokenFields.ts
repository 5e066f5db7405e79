/**
 * The token fields the credential stores from Aluma's token answer: when the node stops using the
 * token (from `expires_in`) and the scheme of its Authorization header (from `token_type`).
 */

/** Used when Aluma omits `expires_in`: short enough that a guess never outlives a real token. */
export const FALLBACK_TOKEN_LIFETIME_SECONDS = 15 * 60;
const MAX_RENEWAL_MARGIN_MS = 2 * 60 * 1000;

/**
 * When the node must stop using a token: Aluma's expiry minus a margin of a tenth of the lifetime,
 * at most two minutes (Aluma advises renewing "a minute or two" early). Stored, so every execution
 * and process that reads the credential agrees on it.
 */
export function computeTokenExpiresAt(issuedAtMs: number, expiresInSeconds: unknown): number {
	const parsed = secondsOf(expiresInSeconds);
	const lifetimeSeconds = parsed !== undefined && parsed > 0 ? parsed : FALLBACK_TOKEN_LIFETIME_SECONDS;
	const lifetimeMs = lifetimeSeconds * 1000;
	const margin = Math.min(MAX_RENEWAL_MARGIN_MS, lifetimeMs / 10);
	return Math.floor(issuedAtMs + lifetimeMs - margin);
}

/** `expires_in` as a number or a numeric string ("86400"); anything else (true, "1h", "") is no lifetime. */
function secondsOf(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
	return undefined;
}

/**
 * The scheme of the Authorization header: Aluma's `token_type` when it is one short word, `Bearer`
 * when absent or anything else, so a stored value can never add to the header or start another.
 */
export function authorizationScheme(tokenType: unknown): string {
	if (typeof tokenType !== 'string' || !/^[A-Za-z][A-Za-z0-9._~+-]{0,39}$/.test(tokenType)) return 'Bearer';
	return tokenType.toLowerCase() === 'bearer' ? 'Bearer' : tokenType;
}
