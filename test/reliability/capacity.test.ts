/**
 * Aluma's document cap (30 live documents per API client; lowered here) and cleanup: items wait
 * for a free slot instead of failing, the cap is never exceeded, and every temporary document is
 * deleted — when an item fails, when the run stops while other items are in flight, and when a
 * delete needs a retry. The one case where a document can stay (Aluma refuses every delete) is
 * measured too: the item still succeeds and the node logs a warning.
 */
import {
	CLIENT_ID,
	CLIENT_SECRET,
	ROUTE,
	classifyFile,
	expectAllClassified,
	expectNodeError,
	fixture,
	invoices,
	outcome,
	reliabilitySuite,
	timers,
} from '../support/reliability';
import type { Env } from '../support/reliability';

const { env, scenario, runAluma, requestsTo } = reliabilitySuite();

/** Another client of the same API client (e.g. a second workflow): creates and deletes documents itself. */
async function otherClient(e: Env): Promise<{ create(): Promise<string>; remove(id: string): Promise<number> }> {
	const tokenResponse = await fetch(`${e.baseUrl}/oauth/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET }).toString(),
	});
	const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
	const headers = { Authorization: `Bearer ${token}` };
	return {
		async create() {
			const response = await fetch(`${e.baseUrl}/documents`, {
				method: 'POST',
				headers: { ...headers, 'Content-Type': 'application/pdf' },
				body: fixture('invoice.pdf'),
			});
			if (response.status !== 201) throw new Error(`other client: create answered ${response.status}`);
			return ((await response.json()) as { id: string }).id;
		},
		async remove(id) {
			return (await fetch(`${e.baseUrl}/documents/${id}`, { method: 'DELETE', headers })).status;
		},
	};
}

describe('the document cap', () => {
	it('cap 3, 9 items at concurrency 6 → items wait for a slot, the cap is never exceeded, all succeed', async () => {
		const s = scenario('document cap 3, concurrency 6');
		env().fake.setConfig({ documentCap: 3, latencyMs: 100 });
		const result = await runAluma({ parameters: classifyFile({ concurrency: 6 }), items: invoices(9) });
		const refused = requestsTo(ROUTE.create).filter((entry) => entry.status === 403).length;
		const m = s.finish(outcome(result, `${refused} uploads refused at the cap, waited`), [result]);

		expectAllClassified(result, 9);
		expect(refused).toBeGreaterThanOrEqual(3);
		expect(m.peakLiveDocuments).toBe(3);
		expect(m.byRoute[ROUTE.create]).toBe(9 + refused);
		expect(m.byRoute[ROUTE.classify]).toBe(9);
		expect(m.byRoute[ROUTE.delete]).toBe(9);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('cap 4, 12 items at concurrency 12 in one process → after the first burst no upload goes into a full allowance, all succeed', async () => {
		const s = scenario('document cap 4, concurrency 12');
		env().fake.setConfig({ documentCap: 4, latencyMs: 200 });
		const result = await runAluma({ parameters: classifyFile({ concurrency: 12 }), items: invoices(12) });
		const creates = requestsTo(ROUTE.create);
		const refused = creates.filter((entry) => entry.status === 403).length;
		const m = s.finish(outcome(result, `${refused} uploads refused at the cap (8 in the first burst), queued`), [result]);

		expectAllClassified(result, 12);
		// The first burst (12 at once, nothing learned yet) is refused 8 times; after that each freed slot
		// is handed to the longest waiter, so at most one more try (the learned state expiring) is refused.
		expect(refused).toBeGreaterThanOrEqual(8);
		expect(refused).toBeLessThanOrEqual(8 + 1);
		const afterBurst = creates.slice(12).filter((entry) => entry.status === 403);
		expect(afterBurst.length).toBeLessThanOrEqual(1);
		expect(m.peakLiveDocuments).toBe(4);
		expect(m.byRoute[ROUTE.delete]).toBe(12);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('cap filled by another client, freed 1.5 s later → the items wait, then succeed', async () => {
		const s = scenario('cap full (other client), freed after 1.5 s');
		const { fake } = env();
		fake.setConfig({ documentCap: 2 });
		const other = await otherClient(env());
		const held = [await other.create(), await other.create()];
		const freeLater = timers.setTimeout(1500).then(async () => Promise.all(held.map(async (id) => await other.remove(id))));
		const started = Date.now();
		const result = await runAluma({ parameters: classifyFile({ concurrency: 2 }), items: invoices(4) });
		const elapsed = Date.now() - started;
		expect(await freeLater).toEqual([204, 204]);
		const refused = requestsTo(ROUTE.create).filter((entry) => entry.status === 403).length;
		const m = s.finish(outcome(result, `${refused} uploads refused, waited ${(elapsed / 1000).toFixed(1)} s`), [result]);

		expectAllClassified(result, 4);
		expect(elapsed).toBeGreaterThanOrEqual(1500);
		expect(elapsed).toBeLessThan(10_000);
		expect(refused).toBeGreaterThanOrEqual(2);
		// The node's own uploads: 4 that succeeded plus the refused ones (bounded by the wait schedule 1 s, 2 s, 4 s …).
		expect(m.byRoute[ROUTE.create]).toBe(2 + 4 + refused);
		expect(refused).toBeLessThanOrEqual(2 * 3);
		expect(m.peakLiveDocuments).toBe(2);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('cleanup', () => {
	it('the run stops at item 5 (unknown classifier) with 4 in flight → every document created is deleted', async () => {
		const s = scenario('run stops with items in flight');
		env().fake.setConfig({ latencyMs: 100 });
		const result = await runAluma({
			parameters: classifyFile({ concurrency: 4 }, { classifier: { __rl: true, mode: 'name', value: "={{ $json.n === 5 ? 'no-such-classifier' : 'mailroom' }}" } }),
			items: invoices(12),
		});
		const stats = env().fake.stats();
		const m = s.finish(outcome(result, `${stats.documentsCreated} created, ${stats.documentsDeleted} deleted`), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 5,
			message: /^Aluma has no classifier named "no-such-classifier" \(parameter "Classifier"\)$/,
			fix: /Pick the classifier from the list/,
		});
		expect(stats.documentsCreated).toBeGreaterThanOrEqual(6);
		// No new item starts after the failure; the ones in flight finish and clean up.
		expect(stats.documentsCreated).toBeLessThanOrEqual(5 + 4);
		expect(stats.documentsDeleted).toBe(stats.documentsCreated);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('the delete fails twice (503) → retried, the document is gone', async () => {
		const s = scenario('delete 503 ×2');
		env().fake.injectFault({ kind: 'status', status: 503, method: 'DELETE', path: '^/documents/', times: 2 });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(2) });
		const m = s.finish(outcome(result, 'delete retried twice'), [result]);

		expectAllClassified(result, 2);
		expect(requestsTo(ROUTE.delete).map((entry) => entry.status)).toEqual([503, 503, 204, 204]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('the delete is reset once → retried (DELETE is idempotent), the document is gone', async () => {
		const s = scenario('delete reset once');
		env().fake.injectFault({ kind: 'reset', method: 'DELETE', path: '^/documents/' });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(2) });
		const m = s.finish(outcome(result, 'delete retried'), [result]);

		expectAllClassified(result, 2);
		expect(requestsTo(ROUTE.delete).map((entry) => entry.fault ?? entry.status)).toEqual(['reset', 204, 204]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('Aluma refuses every delete try (500 ×4) → the item still succeeds, a warning is logged, 1 document stays', async () => {
		const s = scenario('delete refused on every try');
		env().fake.injectFault({ kind: 'status', status: 500, method: 'DELETE', path: '^/documents/', times: 4 });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(2) });
		const m = s.finish(outcome(result, 'delete tried 4 times; Aluma expires it after 10 min idle'), [result]);

		expectAllClassified(result, 2);
		expect(requestsTo(ROUTE.delete).map((entry) => entry.status)).toEqual([500, 500, 500, 500, 204]);
		const warnings = result.logs.filter((entry) => entry.level === 'warn' && entry.message.startsWith('Aluma: could not delete temporary document'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toMatch(/server error \(HTTP 500\) when trying to delete the document/);
		// Bounded: the one document Aluma would not delete, nothing else.
		expect(m.documentsLeft).toBe(1);
		expect(m.secretHits).toBe(0);
	});
});
