/**
 * The access token under stress: the token endpoint failing then recovering (or not), tokens
 * revoked in the middle of a batch, tokens that expire while a long batch runs, and two executions
 * that need a new token at the same moment. Every item must come out, no request may go out with a
 * token the node knows is dead, renewals stay single-flight, and no document is left.
 */
import {
	ROUTE,
	classifyFile,
	errorItems,
	expectAllClassified,
	expectEveryItem,
	expectNodeError,
	gaps,
	invoices,
	outcome,
	reliabilitySuite,
} from '../support/reliability';

const { env, scenario, newStore, runAluma, requestsTo } = reliabilitySuite();

describe('the token endpoint fails', () => {
	it('503 twice, then recovers → the exchange is retried (0.5 s, 1 s) and the batch runs', async () => {
		const s = scenario('token endpoint 503 ×2, then recovers');
		env().fake.injectFault({ kind: 'token', status: 503, times: 2 });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(3) });
		const m = s.finish(outcome(result, 'token exchange retried twice'), [result]);

		expectAllClassified(result, 3);
		const token = requestsTo(ROUTE.token);
		expect(token.map((entry) => entry.status)).toEqual([503, 503, 200]);
		const [first, second] = gaps(token);
		expect(first).toBeGreaterThanOrEqual(480);
		expect(second).toBeGreaterThanOrEqual(980);
		expect(m.tokenExchanges).toBe(1);
		expect(m.unauthorized).toBe(0);
		expect(m.byRoute).toEqual({ [ROUTE.token]: 3, [ROUTE.create]: 3, [ROUTE.classify]: 3, [ROUTE.delete]: 3 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('an HTML 500 page once → retried, recovers', async () => {
		const s = scenario('token endpoint HTML 500 page once');
		env().fake.injectFault({ kind: 'html', status: 500, method: 'POST', path: '^/oauth/token$' });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(2) });
		const m = s.finish(outcome(result, 'token exchange retried once'), [result]);

		expectAllClassified(result, 2);
		expect(requestsTo(ROUTE.token).map((entry) => entry.status)).toEqual([500, 200]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('503 on every try → the run stops with a readable error after 3 tries, no API call without a token', async () => {
		const s = scenario('token endpoint down, run stops');
		env().fake.injectFault({ kind: 'token', status: 503, times: 3 });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(3) });
		const m = s.finish(outcome(result, '3 token tries'), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 0,
			message: /^Aluma's token service failed \(HTTP 503\)$/,
			fix: /problem on Aluma's side.*try again in a few minutes/,
		});
		expect(m.byRoute).toEqual({ [ROUTE.token]: 3 });
		expect(m.unauthorized).toBe(0);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('down for the first item only (continueOnFail) → that item fails, the next gets a token and succeeds', async () => {
		const s = scenario('token endpoint down for item 0, continueOnFail');
		env().fake.injectFault({ kind: 'token', status: 503, times: 3 });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(3), continueOnFail: true });
		const m = s.finish(outcome(result, '3 token tries, then recovers'), [result]);

		const out = expectEveryItem(result, 3);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(out[0].json.error).toBe("Aluma's token service failed (HTTP 503)");
		expect(out.slice(1).map((item) => item.json.documentType)).toEqual(['Invoice', 'Invoice']);
		expect(requestsTo(ROUTE.token).map((entry) => entry.status)).toEqual([503, 503, 503, 200]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('the token dies during a batch', () => {
	it('revoked mid-run (at the 3rd classify, 3 items in flight) → one renewal, every item succeeds', async () => {
		const s = scenario('token revoked mid-run, concurrency 3');
		const { fake, tap } = env();
		let classifies = 0;
		tap.onRequest(({ method, path }) => {
			if (method === 'POST' && path.includes('/classify/') && ++classifies === 3) fake.revokeAllTokens();
		});
		fake.setConfig({ latencyMs: 50 });
		const result = await runAluma({
			parameters: classifyFile({ concurrency: 3 }),
			items: invoices(9),
		});
		const m = s.finish(outcome(result, `${fake.stats().unauthorized} × 401, one renewal`), [result]);

		expectAllClassified(result, 9);
		expect(m.tokenExchanges).toBe(2);
		// Only requests already in flight with the revoked token can meet a 401, each resent once.
		expect(m.unauthorized).toBeGreaterThanOrEqual(1);
		expect(m.unauthorized).toBeLessThanOrEqual(3);
		const apiRequests = m.requests - m.tokenRequests;
		expect(apiRequests).toBe(9 * 3 + m.unauthorized);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('expires during a long batch (2 s lifetime, 300 ms per classify) → renewed ahead of expiry, never a 401', async () => {
		const s = scenario('token expires during a long batch');
		const { fake } = env();
		fake.setConfig({ tokenLifetimeSeconds: 2, latencyMs: 300 });
		const started = Date.now();
		const result = await runAluma({ parameters: classifyFile(), items: invoices(10) });
		const elapsed = Date.now() - started;
		const m = s.finish(outcome(result, `${fake.stats().tokenExchanges} tokens over ${(elapsed / 1000).toFixed(1)} s, 0 × 401`), [result]);

		expectAllClassified(result, 10);
		expect(elapsed).toBeGreaterThan(3000);
		// One token per ~1.8 s of run time, renewed before the fake would refuse it.
		expect(m.tokenExchanges).toBeGreaterThanOrEqual(2);
		expect(m.tokenExchanges).toBeLessThanOrEqual(Math.ceil(elapsed / 1000));
		expect(m.unauthorized).toBe(0);
		const used = new Set(fake.requests().filter((entry) => entry.route !== ROUTE.token).map((entry) => entry.tokenId));
		expect(used.size).toBe(m.tokenExchanges);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('two executions need a token at the same moment (same credential)', () => {
	it('no stored token → one exchange serves both executions', async () => {
		const s = scenario('two executions start with no token');
		const store = newStore();
		const results = await Promise.all([
			runAluma({ store, parameters: classifyFile({ concurrency: 2 }), items: invoices(4) }),
			runAluma({ store, parameters: classifyFile({ concurrency: 2 }), items: invoices(4) }),
		]);
		const m = s.finish(outcome(results[1], 'single-flight renewal'), results);

		for (const result of results) expectAllClassified(result, 4);
		expect(m.tokenExchanges).toBe(1);
		expect(m.tokenRequests).toBe(1);
		expect(m.unauthorized).toBe(0);
		expect(store.updates).toBe(1);
		expect(m.requests).toBe(1 + 2 * 4 * 3);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('stored token revoked → both executions meet a 401, one renewal serves both', async () => {
		const s = scenario('two executions renew a revoked token');
		const { fake } = env();
		const store = newStore();
		const first = await runAluma({ store, parameters: classifyFile(), items: invoices(1) });
		expectAllClassified(first, 1);
		fake.revokeAllTokens();
		const results = await Promise.all([
			runAluma({ store, parameters: classifyFile({ concurrency: 2 }), items: invoices(4) }),
			runAluma({ store, parameters: classifyFile({ concurrency: 2 }), items: invoices(4) }),
		]);
		const m = s.finish(outcome(results[1], `${fake.stats().unauthorized} × 401, one renewal`), [first, ...results]);

		for (const result of results) expectAllClassified(result, 4);
		expect(m.tokenExchanges).toBe(2);
		expect(m.unauthorized).toBeGreaterThanOrEqual(1);
		expect(m.unauthorized).toBeLessThanOrEqual(4);
		expect(store.updates).toBe(2);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});
