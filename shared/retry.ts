/**
 * One retry policy for every Aluma call, the token exchange included: the network code behind a
 * failure, which failures are transient, whether it is safe to send the request again, and how
 * long to wait (capped exponential backoff with jitter, or Retry-After).
 */
export interface RetryPolicy {
	/** Total tries, the first included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Longest Retry-After we wait for; a longer one fails the item instead of stalling the workflow. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 400,
	maxDelayMs: 10_000,
	maxRetryAfterMs: 60_000,
};

/** Statuses that say "try again later". 501 and 505 say the request will never work. */
export function isTransientStatus(status: number): boolean {
	return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Statuses after which the server has certainly not acted on the request. */
function isRejectedBeforeProcessing(status: number): boolean {
	return status === 408 || status === 429 || status === 503;
}

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** HTTP parser failures (an answer that is not valid HTTP): a broken proxy or server, not the request. */
function isParseFailure(code: string): boolean {
	return code.startsWith('HPE_');
}

export function isTimeoutCode(code: string): boolean {
	return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'ERR_SOCKET_CONNECTION_TIMEOUT';
}

/** Network failures after which the request cannot have reached Aluma. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** The Node network code (ECONNRESET, …) or HTTP parser code (HPE_…) behind an error, if any. */
export function networkCodeOf(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^(E[A-Z_]+|HPE_[A-Z_]+)$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

export type Failure = { kind: 'status'; status: number } | { kind: 'network'; code: string };

/** Whether to send again. A request that is not idempotent is resent only when Aluma cannot have acted on it. */
export function shouldRetry(failure: Failure, idempotent: boolean): boolean {
	if (failure.kind === 'status') {
		if (!isTransientStatus(failure.status)) return false;
		return idempotent || isRejectedBeforeProcessing(failure.status);
	}
	if (!TRANSIENT_NETWORK_CODES.has(failure.code) && !isParseFailure(failure.code)) return false;
	return idempotent || NOT_SENT_NETWORK_CODES.has(failure.code);
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const raw = String(text).trim();
	if (raw === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
	const date = Date.parse(raw);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Delay before try number `attempt + 1`. Full jitter over the upper half of the exponential
 * step, so parallel items that failed together do not come back together.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(exponential / 2 + random() * (exponential / 2));
}

/**
 * The wait before the next try, or undefined when the server asked for more than we accept.
 * Retry-After wins over the backoff when present.
 */
export function nextDelay(
	attempt: number,
	policy: RetryPolicy,
	retryAfterMs: number | undefined,
	random?: () => number,
): number | undefined {
	if (retryAfterMs !== undefined) {
		return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
	}
	return backoffDelay(attempt, policy, random);
}
