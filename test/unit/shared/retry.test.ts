import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	isTransientStatus,
	nextDelay,
	parseRetryAfter,
	shouldRetry,
} from '../../../shared/retry';

describe('retry policy', () => {
	it('treats 408, 429 and most 5xx as transient', () => {
		expect([408, 429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
		expect([400, 401, 403, 404, 409, 413, 422, 501, 505].some(isTransientStatus)).toBe(false);
	});

	it('resends idempotent requests after any transient failure', () => {
		expect(shouldRetry({ kind: 'status', status: 502 }, true)).toBe(true);
		expect(shouldRetry({ kind: 'network', code: 'ECONNRESET' }, true)).toBe(true);
		expect(shouldRetry({ kind: 'network', code: 'ECONNABORTED' }, true)).toBe(true);
	});

	it('resends a non-idempotent request only when Aluma cannot have acted on it', () => {
		expect(shouldRetry({ kind: 'status', status: 429 }, false)).toBe(true);
		expect(shouldRetry({ kind: 'status', status: 503 }, false)).toBe(true);
		expect(shouldRetry({ kind: 'status', status: 408 }, false)).toBe(true);
		expect(shouldRetry({ kind: 'network', code: 'ECONNREFUSED' }, false)).toBe(true);
		expect(shouldRetry({ kind: 'status', status: 500 }, false)).toBe(false);
		expect(shouldRetry({ kind: 'status', status: 502 }, false)).toBe(false);
		expect(shouldRetry({ kind: 'network', code: 'ECONNRESET' }, false)).toBe(false);
	});

	it('never retries client errors or unknown network failures', () => {
		expect(shouldRetry({ kind: 'status', status: 404 }, true)).toBe(false);
		expect(shouldRetry({ kind: 'network', code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, true)).toBe(false);
	});

	it('parses Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-11-28T12:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0', now)).toBe(0);
		expect(parseRetryAfter(['1.5'], now)).toBe(1500);
		expect(parseRetryAfter('Sat, 28 Nov 2026 12:00:10 GMT', now)).toBe(10_000);
		expect(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it('backs off exponentially with jitter in the upper half, capped', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(1, policy, () => 0)).toBe(50);
		expect(backoffDelay(1, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(400);
		expect(backoffDelay(10, policy, () => 1)).toBe(1000);
		expect(backoffDelay(10, policy, () => 0)).toBe(500);
	});

	it('lets Retry-After win, but gives up on waits longer than the policy accepts', () => {
		expect(nextDelay(1, DEFAULT_RETRY_POLICY, 2000)).toBe(2000);
		expect(nextDelay(1, DEFAULT_RETRY_POLICY, DEFAULT_RETRY_POLICY.maxRetryAfterMs + 1)).toBeUndefined();
		expect(nextDelay(2, DEFAULT_RETRY_POLICY, undefined, () => 1)).toBe(DEFAULT_RETRY_POLICY.baseDelayMs * 2);
	});
});
