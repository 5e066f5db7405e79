/**
 * HTTP faults between the node and Aluma, injected by the fake: rate limits, server errors, resets,
 * responses that never end, and answers that are not the JSON that was due. For each: whether the
 * node retried (only what is safe to send again), how many requests it made, that every item
 * came out (as a result or, with continueOnFail, as an error item), and that no document was left.
 *
 * Run: npm run test:reliability (or npx jest --config test/reliability/jest.config.js faults)
 */
import {
	ROUTE,
	apiRequest,
	classifyFile,
	errorItems,
	expectAllClassified,
	expectEveryItem,
	expectNodeError,
	expectReadable,
	gaps,
	invoices,
	outcome,
	reliabilitySuite,
} from '../support/reliability';
import type { NodeWorkflowResult } from '../support/reliability';

const { env, scenario, runAluma, requestsTo } = reliabilitySuite();

const ITEMS = 3;

async function classifyThree(options: { continueOnFail?: boolean; timeout?: number } = {}): Promise<NodeWorkflowResult> {
	return await runAluma({
		parameters: classifyFile(options.timeout ? { timeout: options.timeout } : {}),
		items: invoices(ITEMS),
		continueOnFail: options.continueOnFail,
	});
}

describe('a transient fault on an idempotent call (classify) is retried and the batch completes', () => {
	it('429 with Retry-After: 1 → waits the second Aluma asked for, then succeeds', async () => {
		const s = scenario('429 + Retry-After: 1 on classify');
		env().fake.injectFault({ kind: 'status', status: 429, retryAfter: '1', path: '/classify/' });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'retried once after 1 s'), [result]);

		expectAllClassified(result, ITEMS);
		const classify = requestsTo(ROUTE.classify);
		expect(classify.map((entry) => entry.status)).toEqual([429, 200, 200, 200]);
		expect(gaps(classify)[0]).toBeGreaterThanOrEqual(950);
		expect(gaps(classify)[0]).toBeLessThan(2500);
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.create]: 3, [ROUTE.classify]: 4, [ROUTE.delete]: 3 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('429 without Retry-After → backs off (≥ 200 ms, then ≥ 400 ms), then succeeds', async () => {
		const s = scenario('429 without Retry-After on classify (×2)');
		env().fake.injectFault({ kind: 'status', status: 429, path: '/classify/', times: 2 });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'retried twice with backoff'), [result]);

		expectAllClassified(result, ITEMS);
		const classify = requestsTo(ROUTE.classify);
		expect(classify.map((entry) => entry.status)).toEqual([429, 429, 200, 200, 200]);
		const [first, second] = gaps(classify);
		expect(first).toBeGreaterThanOrEqual(195);
		expect(second).toBeGreaterThanOrEqual(395);
		expect(m.requests).toBe(1 + 3 + 5 + 3);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it.each([500, 502, 503, 504, 408])('HTTP %i once → retried, succeeds', async (status) => {
		const s = scenario(`${status} once on classify`);
		env().fake.injectFault({ kind: 'status', status, path: '/classify/' });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'retried once'), [result]);

		expectAllClassified(result, ITEMS);
		expect(requestsTo(ROUTE.classify).map((entry) => entry.status)).toEqual([status, 200, 200, 200]);
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.create]: 3, [ROUTE.classify]: 4, [ROUTE.delete]: 3 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('connection reset → retried, succeeds', async () => {
		const s = scenario('connection reset on classify');
		env().fake.injectFault({ kind: 'reset', path: '/classify/' });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'retried once'), [result]);

		expectAllClassified(result, ITEMS);
		expect(requestsTo(ROUTE.classify).map((entry) => entry.fault ?? entry.status)).toEqual(['reset', 200, 200, 200]);
		expect(m.requests).toBe(1 + 3 + 4 + 3);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('a response that never ends, with the Timeout option at 1 s → aborted after 1 s, retried, succeeds', async () => {
		const s = scenario('hanging classify, Timeout 1 s');
		env().fake.injectFault({ kind: 'hang', path: '/classify/' });
		const started = Date.now();
		const result = await classifyThree({ timeout: 1 });
		const elapsed = Date.now() - started;
		const m = s.finish(outcome(result, 'aborted at 1 s, retried'), [result]);

		expectAllClassified(result, ITEMS);
		const classify = requestsTo(ROUTE.classify);
		expect(classify.map((entry) => entry.fault ?? entry.status)).toEqual(['hang', 200, 200, 200]);
		expect(gaps(classify)[0]).toBeGreaterThanOrEqual(950);
		expect(elapsed).toBeLessThan(5000);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('an HTML 502 page from a proxy → retried, succeeds', async () => {
		const s = scenario('HTML 502 page on classify');
		env().fake.injectFault({ kind: 'html', path: '/classify/' });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'retried once'), [result]);

		expectAllClassified(result, ITEMS);
		expect(requestsTo(ROUTE.classify).map((entry) => entry.status)).toEqual([502, 200, 200, 200]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('a fault that persists fails only its item (continueOnFail) or stops the run, after bounded tries', () => {
	it('503 on every try (4) → that item is an error item, the others succeed, its document is deleted', async () => {
		const s = scenario('503 persists on classify, continueOnFail');
		env().fake.injectFault({ kind: 'status', status: 503, path: '/classify/', times: 4 });
		const result = await classifyThree({ continueOnFail: true });
		const m = s.finish(outcome(result, '4 tries'), [result]);

		expect(result.status).toBe('success');
		const out = expectEveryItem(result, ITEMS);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(out[0].json.error).toBe('Aluma had a server error (HTTP 503) when trying to classify the document with the classifier "mailroom"');
		expect(out[0].json.description).toMatch(/try again in a few minutes.*Tried 4 times/);
		expect(out[0].json.httpCode).toBe('503');
		expect(out.slice(1).map((item) => item.json.documentType)).toEqual(['Invoice', 'Invoice']);
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.create]: 3, [ROUTE.classify]: 6, [ROUTE.delete]: 3 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('503 on every try without continueOnFail → the run stops with a readable error, nothing left', async () => {
		const s = scenario('503 persists on classify, run stops');
		env().fake.injectFault({ kind: 'status', status: 503, path: '/classify/', times: 4 });
		const result = await classifyThree();
		const m = s.finish(outcome(result, '4 tries'), [result]);

		expectNodeError(result, { kind: 'api', itemIndex: 0, message: /server error \(HTTP 503\) when trying to classify/, fix: /Tried 4 times/ });
		// The first item failed: the next ones were not started.
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.create]: 1, [ROUTE.classify]: 4, [ROUTE.delete]: 1 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('a response that never ends on every try (Timeout 1 s) → item error after 2 tries (a timed-out call is sent once more at most), document deleted', async () => {
		const s = scenario('classify hangs on every try, Timeout 1 s');
		env().fake.injectFault({ kind: 'hang', path: '/classify/', times: 2 });
		const started = Date.now();
		const result = await classifyThree({ timeout: 1, continueOnFail: true });
		const elapsed = Date.now() - started;
		const m = s.finish(outcome(result, '2 tries of 1 s'), [result]);

		const out = expectEveryItem(result, ITEMS);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(out[0].json.error).toBe('Aluma did not answer in time when trying to classify the document with the classifier "mailroom"');
		expect(out[0].json.description).toMatch(/Raise the Timeout option.*Tried 2 times/);
		expect(out.slice(1).map((item) => item.json.documentType)).toEqual(['Invoice', 'Invoice']);
		expect(requestsTo(ROUTE.classify)).toHaveLength(4);
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		expect(elapsed).toBeLessThan(12_000);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('the upload (POST /documents) is resent only when Aluma cannot have acted on it', () => {
	it('429 with Retry-After: 0, twice → resent, succeeds', async () => {
		const s = scenario('429 + Retry-After: 0 on upload (×2)');
		env().fake.injectFault({ kind: 'status', status: 429, retryAfter: '0', path: '^/documents$', times: 2 });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'resent twice'), [result]);

		expectAllClassified(result, ITEMS);
		expect(requestsTo(ROUTE.create).map((entry) => entry.status)).toEqual([429, 429, 201, 201, 201]);
		expect(m.requests).toBe(1 + 5 + 3 + 3);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it.each([503, 408])('HTTP %i (rejected before processing) → resent, succeeds', async (status) => {
		const s = scenario(`${status} on upload`);
		env().fake.injectFault({ kind: 'status', status, path: '^/documents$' });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'resent once'), [result]);

		expectAllClassified(result, ITEMS);
		expect(requestsTo(ROUTE.create).map((entry) => entry.status)).toEqual([status, 201, 201, 201]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it.each([500, 502, 504])('HTTP %i (Aluma may have acted) → not resent, that item fails', async (status) => {
		const s = scenario(`${status} on upload, continueOnFail`);
		env().fake.injectFault({ kind: 'status', status, path: '^/documents$' });
		const result = await classifyThree({ continueOnFail: true });
		const m = s.finish(outcome(result, 'not resent'), [result]);

		const out = expectEveryItem(result, ITEMS);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(out[0].json.error).toBe(`Aluma had a server error (HTTP ${status}) when trying to create the document`);
		expect(out[0].json.description).not.toMatch(/Tried/);
		expect(requestsTo(ROUTE.create)).toHaveLength(3);
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.create]: 3, [ROUTE.classify]: 2, [ROUTE.delete]: 2 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('connection reset → not resent (the upload may have arrived), that item fails', async () => {
		const s = scenario('connection reset on upload, continueOnFail');
		env().fake.injectFault({ kind: 'reset', path: '^/documents$' });
		const result = await classifyThree({ continueOnFail: true });
		const m = s.finish(outcome(result, 'not resent'), [result]);

		const out = expectEveryItem(result, ITEMS);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(out[0].json.error).toBe('The connection to Aluma failed when trying to create the document (connection reset)');
		expectReadable(out[0].json.description);
		expect(requestsTo(ROUTE.create)).toHaveLength(3);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('an HTML 502 page → not resent; the error says what happened, without the HTML', async () => {
		const s = scenario('HTML 502 page on upload, continueOnFail');
		env().fake.injectFault({ kind: 'html', path: '^/documents$' });
		const result = await classifyThree({ continueOnFail: true });
		const m = s.finish(outcome(result, 'not resent'), [result]);

		const out = expectEveryItem(result, ITEMS);
		expect(out[0].json.error).toBe('Aluma had a server error (HTTP 502) when trying to create the document');
		expect(`${String(out[0].json.error)} ${String(out[0].json.description)}`).not.toMatch(/<|nginx|html/i);
		expect(requestsTo(ROUTE.create)).toHaveLength(3);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('an answer that is not the JSON that was due is a clear error for that item', () => {
	it.each([
		['malformed JSON', 'malformed-json', /^Aluma sent data that is not valid JSON when trying to classify the document/],
		['an empty body', 'empty', /^Aluma sent an empty answer when trying to classify the document/],
	] as const)('%s for classify → item error, document deleted', async (label, kind, message) => {
		const s = scenario(`${label} for classify, continueOnFail`);
		env().fake.injectFault({ kind, path: '/classify/' });
		const result = await classifyThree({ continueOnFail: true });
		const m = s.finish(outcome(result, 'not retried'), [result]);

		const out = expectEveryItem(result, ITEMS);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(out[0].json.error).toMatch(message);
		expectReadable(out[0].json.description);
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.create]: 3, [ROUTE.classify]: 3, [ROUTE.delete]: 3 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('an HTML page with status 200 (a proxy login page) for classify → item error "an HTML page"', async () => {
		const s = scenario('HTML page with 200 for classify, continueOnFail');
		env().fake.injectFault({ kind: 'html', status: 200, path: '/classify/' });
		const result = await classifyThree({ continueOnFail: true });
		const m = s.finish(outcome(result, 'not retried'), [result]);

		const out = expectEveryItem(result, ITEMS);
		expect(out[0].json.error).toMatch(/^Aluma sent an HTML page when trying to classify the document/);
		expect(out[0].json.description).toMatch(/proxy or gateway.*Base URL/);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it.each([
		['malformed JSON', 'malformed-json', /not valid JSON when trying to create the document/],
		['an empty body', 'empty', /empty answer when trying to create the document/],
	] as const)('%s for the upload → the run stops with a readable error', async (label, kind, message) => {
		const s = scenario(`${label} for upload, run stops`);
		env().fake.injectFault({ kind, path: '^/documents$' });
		const result = await classifyThree();
		const m = s.finish(outcome(result, 'not resent'), [result]);

		expectNodeError(result, { kind: 'api', itemIndex: 0, message, fix: /try again|Base URL/i });
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.create]: 1 });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('API Request: the Timeout option bounds a response that never ends', () => {
	it('GET that hangs once with Timeout 1 s → aborted, resent, succeeds', async () => {
		const s = scenario('API Request GET hangs once, Timeout 1 s');
		env().fake.injectFault({ kind: 'hang', path: '^/classifiers$' });
		const result = await runAluma({ parameters: apiRequest({ path: '/classifiers', options: { timeout: 1 } }) });
		const m = s.finish(outcome(result, 'aborted at 1 s, resent'), [result]);

		expect(result.status).toBe('success');
		expect(expectEveryItem(result, 1)[0].json.classifiers).toEqual([expect.objectContaining({ name: 'mailroom' })]);
		const calls = requestsTo(ROUTE.classifiers);
		expect(calls.map((entry) => entry.fault ?? entry.status)).toEqual(['hang', 200]);
		expect(gaps(calls)[0]).toBeGreaterThanOrEqual(950);
		expect(m.requests).toBe(3);
		expect(m.secretHits).toBe(0);
	});

	it('GET whose response starts and never ends (headers + half a body), Timeout 1 s → aborted, resent, succeeds', async () => {
		const s = scenario('API Request GET body stalls, Timeout 1 s');
		const { tap } = env();
		tap.stall({ method: 'GET', path: /^\/classifiers$/ });
		const started = Date.now();
		const result = await runAluma({ parameters: apiRequest({ path: '/classifiers', options: { timeout: 1 } }) });
		const elapsed = Date.now() - started;
		const sent = tap.relayed.filter((entry) => entry.path === '/classifiers').length;
		const m = s.finish(outcome(result, `stalled body aborted, resent (${sent} GETs)`), [result]);

		expect(result.status).toBe('success');
		expect(expectEveryItem(result, 1)[0].json.classifiers).toEqual([expect.objectContaining({ name: 'mailroom' })]);
		// The stalled GET was answered by the tap, the resent one by the fake.
		expect(sent).toBe(2);
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, [ROUTE.classifiers]: 1 });
		expect(elapsed).toBeGreaterThanOrEqual(950);
		expect(elapsed).toBeLessThan(5000);
		expect(m.secretHits).toBe(0);
	});

	it('classify whose response starts and never ends, Timeout 1 s on every try → item error after 2 tries, document deleted', async () => {
		const s = scenario('classify body stalls on every try, Timeout 1 s');
		const { tap } = env();
		tap.stall({ method: 'POST', path: /\/classify\//, times: 2 });
		const result = await classifyThree({ timeout: 1, continueOnFail: true });
		const sent = tap.relayed.filter((entry) => entry.path.includes('/classify/')).length;
		const m = s.finish(outcome(result, `${sent} classify requests`), [result]);

		const out = expectEveryItem(result, ITEMS);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expectReadable(out[0].json.error);
		expect(out[0].json.error).toMatch(/Aluma did not answer in time when trying to classify the document/);
		expect(sent).toBe(2 + 2);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('POST that hangs with Timeout 1 s → not resent (not idempotent), the run stops with a readable error', async () => {
		const s = scenario('API Request POST hangs, Timeout 1 s');
		env().fake.injectFault({ kind: 'hang', method: 'POST', path: '^/classifiers/' });
		const started = Date.now();
		const result = await runAluma({
			parameters: apiRequest({ method: 'POST', path: '/classifiers/reliability-new', options: { timeout: 1 } }),
		});
		const elapsed = Date.now() - started;
		const m = s.finish(outcome(result, 'not resent'), [result]);

		expectNodeError(result, {
			kind: 'api',
			itemIndex: 0,
			message: /^Aluma did not answer in time when trying to send POST \/classifiers\/reliability-new$/,
			fix: /Raise the Timeout option/,
		});
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, 'POST /classifiers/:name': 1 });
		expect(elapsed).toBeLessThan(4000);
		expect(m.secretHits).toBe(0);
	});
});
