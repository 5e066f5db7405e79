/**
 * Promises the README makes, attacked from outside the node: a server that lies about HTTP
 * (redirects after acting, answers that are not valid HTTP, a document allowance answered as a
 * standard problem), a server that hangs on slow work, and a user who stops the run mid-batch.
 * Each test asserts the exact requests Aluma received and that nothing was left behind.
 *
 * Run: npx jest --config test/reliability/jest.config.js promises
 */
import {
	ROUTE,
	classifyFile,
	expectAllClassified,
	expectNodeError,
	invoices,
	outcome,
	reliabilitySuite,
	timers,
} from '../support/reliability';

const { env, scenario, runAluma, requestsTo } = reliabilitySuite();

/** The fake's live documents, once the node's background clean-up after a stop has settled. */
async function liveDocumentsSettled(maxMs = 15_000): Promise<number> {
	const started = Date.now();
	let last = -1;
	let sameSince = Date.now();
	for (;;) {
		const live = env().fake.stats().liveDocuments;
		if (live !== last) {
			last = live;
			sameSince = Date.now();
		}
		if ((live === 0 && Date.now() - sameSince > 300) || Date.now() - started > maxMs) return live;
		await timers.setTimeout(50);
	}
}

describe('a redirect never re-sends what created something', () => {
	it('303 after POST /documents created the document → one GET of the document, no second POST, nothing left', async () => {
		const s = scenario('303 See Other after creating the document');
		env().tap.redirectAfter({ method: 'POST', path: /^\/documents$/, status: 303, location: (doc: { id: string }) => `/documents/${doc.id}`, times: 3 });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(3) });
		const m = s.finish(outcome(result, 'followed as GET without the file'), [result]);

		expectAllClassified(result, 3);
		expect(m.byRoute[ROUTE.create]).toBe(3);
		expect(m.byRoute[ROUTE.getDocument]).toBe(3);
		expect(Object.keys(m.byRoute).filter((route) => route.startsWith('POST /documents/:id ')).length).toBe(0);
		expect(env().fake.stats().documentsCreated).toBe(3);
		expect(m.documentsLeft).toBe(0);
	});

	it.each([301, 302])('%i after POST /documents → continues as GET, as every common client does', async (status) => {
		const s = scenario(`${status} after creating the document`);
		env().tap.redirectAfter({ method: 'POST', path: /^\/documents$/, status, location: (doc: { id: string }) => `/documents/${doc.id}` });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(1) });
		const m = s.finish(outcome(result, 'followed as GET'), [result]);

		expectAllClassified(result, 1);
		expect(m.byRoute[ROUTE.create]).toBe(1);
		expect(m.byRoute[ROUTE.getDocument]).toBe(1);
		expect(m.documentsLeft).toBe(0);
	});

	it('302 after POST /tasks → one task, the file is not posted again', async () => {
		const s = scenario('302 after creating a task');
		env().fake.setConfig({ taskQueuedMs: 3_600_000 });
		env().tap.redirectAfter({ method: 'POST', path: /^\/tasks$/, status: 302, location: (task: { id: string }) => `/tasks/${task.id}` });
		const result = await runAluma({
			parameters: { resource: 'task', operation: 'create', project: { __rl: true, mode: 'id', value: 'invoices-project-seed1' }, binaryPropertyName: 'data', tags: {} },
			items: invoices(1),
		});
		const m = s.finish(outcome(result, 'followed as GET'), [result]);

		expect(result.status).toBe('success');
		expect(m.byRoute['POST /tasks']).toBe(1);
		expect(m.byRoute['GET /tasks/:id']).toBe(1);
		expect(env().fake.requests().filter((entry) => entry.method === 'POST' && entry.path.startsWith('/tasks')).length).toBe(1);
	});
});

describe('an answer that is not valid HTTP', () => {
	it('is a network error: retried for an idempotent call (classify), and the batch completes', async () => {
		const s = scenario('classify answered with a broken Content-Length');
		env().tap.garble({ method: 'POST', path: /\/classify\// });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(2) });
		const m = s.finish(outcome(result, 'retried'), [result]);

		expectAllClassified(result, 2);
		expect(m.byRoute[ROUTE.classify]).toBe(2);
		expect(m.documentsLeft).toBe(0);
	});

	it('on every try → worded as Aluma sending broken HTTP, with the fix, for the item', async () => {
		const s = scenario('classify always answered with broken HTTP');
		env().tap.garble({ method: 'POST', path: /\/classify\//, times: 10 });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(1) });
		const m = s.finish(outcome(result, 'gave up'), [result]);

		expectNodeError(result, {
			kind: 'api',
			itemIndex: 0,
			message: /^Aluma sent an answer that is not valid HTTP when trying to classify the document with the classifier "mailroom"$/,
			fix: /not a problem with the workflow.*Tried 4 times/,
		});
		expect(m.documentsLeft).toBe(0);
	});
});

describe('a slow processing call is not re-sent again and again', () => {
	it('Timeout 1 s on a hanging classify → sent twice at most, then a clear timeout error; nothing left', async () => {
		const s = scenario('classify hangs, Timeout 1 s');
		env().fake.injectFault({ kind: 'hang', path: '/classify/', times: 10 });
		const started = Date.now();
		const result = await runAluma({ parameters: classifyFile({ timeout: 1 }), items: invoices(1) });
		const elapsed = Date.now() - started;
		const m = s.finish(outcome(result, `${requestsTo(ROUTE.classify).length} classify calls in ${elapsed} ms`), [result]);

		expectNodeError(result, {
			kind: 'api',
			itemIndex: 0,
			message: /^Aluma did not answer in time when trying to classify the document with the classifier "mailroom"$/,
			fix: /Raise the Timeout option.*sent once more at most/,
		});
		expect(m.byRoute[ROUTE.classify]).toBe(2);
		expect(m.documentsLeft).toBe(0);
	});
});

describe('a full document allowance answered as a standard problem makes the node wait', () => {
	it.each([429, 403, 409])('%i problem (type …/document-limit-reached, title "Document limit reached") → waits for a slot, all succeed', async (status) => {
		const s = scenario(`allowance 2, answered as a ${status} problem`);
		// Each document is held 1.2 s: a 4-try transport retry (about 3 s) would give up before a slot frees.
		env().fake.setConfig({ documentCap: 2, documentCapStatus: status, documentCapAnswer: 'problem', latencyMs: 1200 });
		const result = await runAluma({ parameters: classifyFile({ concurrency: 4 }), items: invoices(6) });
		const refused = requestsTo(ROUTE.create).filter((entry) => entry.status === status).length;
		const m = s.finish(outcome(result, `${refused} refusals, waited`), [result]);

		expectAllClassified(result, 6);
		expect(refused).toBeGreaterThan(0);
		expect(m.peakLiveDocuments).toBe(2);
		expect(m.byRoute[ROUTE.create]).toBe(6 + refused);
		expect(m.documentsLeft).toBe(0);
	});

	it('Retry-After on the allowance answer is honoured while no slot is freed here', async () => {
		const s = scenario('allowance full, 429 problem with Retry-After: 1');
		env().fake.setConfig({ documentCap: 0, documentCapStatus: 429, documentCapAnswer: 'problem', documentCapRetryAfter: '1' });
		const release = timers.setTimeout(2500).then(() => env().fake.setConfig({ documentCap: 30 }));
		const result = await runAluma({ parameters: classifyFile(), items: invoices(1) });
		await release;
		const refusals = requestsTo(ROUTE.create).filter((entry) => entry.status === 429);
		const m = s.finish(outcome(result, `${refusals.length} refusals, 1 s apart`), [result]);

		expectAllClassified(result, 1);
		// About one try a second for 2.5 s: Retry-After, not a tight loop nor a 4-try give-up.
		expect(refusals.length).toBeGreaterThanOrEqual(2);
		expect(refusals.length).toBeLessThanOrEqual(4);
		expect(m.documentsLeft).toBe(0);
	});
});

describe('a stopped execution leaves no document behind', () => {
	it.each([
		['Classify File (temporary documents)', classifyFile({ concurrency: 5 })],
		['Create From File (documents the user keeps)', { resource: 'document', operation: 'create', binaryPropertyName: 'data', options: { concurrency: 5 } }],
	])('%s, 20 items at concurrency 5, stopped after 700 ms → 0 live documents, nothing started after the stop', async (_, parameters) => {
		const s = scenario(`stop mid-batch: ${String(parameters.operation)}`);
		env().fake.setConfig({ latencyMs: 400 });
		// Creating a document takes 300 ms too, so the stop lands while creations are in flight.
		env().tap.delay({ method: 'POST', path: /^\/documents$/, ms: 300, times: 100 });
		const result = await runAluma({ parameters, items: invoices(20), stopAfterMs: 700 });
		const stoppedAt = Date.now();
		const left = await liveDocumentsSettled();
		const stats = env().fake.stats();
		// Sent by the node after the stop (the tap sees a request when the node sends it).
		const creationsAfterStop = env().tap.relayed.filter((entry) => entry.method === 'POST' && entry.path === '/documents' && entry.at > stoppedAt + 50).length;
		const m = s.finish(outcome(result, `${stats.documentsCreated} created, ${stats.documentsDeleted} deleted, ${left} left`), [result]);

		expect(result.status).toBe('canceled');
		expect(stats.documentsCreated).toBeGreaterThan(0);
		expect(stats.documentsCreated).toBeLessThan(20);
		expect(creationsAfterStop).toBe(0);
		expect(left).toBe(0);
		expect(stats.documentsDeleted).toBe(stats.documentsCreated);
		expect(m.secretHits).toBe(0);
	});
});
