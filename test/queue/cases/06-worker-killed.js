// A worker dies (SIGKILL) in the middle of a 20-item batch: it cannot delete what it created, so
// those documents hold slots until Aluma removes them as idle (10 minutes; a few seconds on the
// fake here). Nothing is lost for good: they expire, and running the items again succeeds on the
// other worker with exactly one new document per item.
'use strict';

const { extractionBatch } = require('../lib/workflows');
const { whileActive, callWebhook, isCreation } = require('../lib/executions');

const CRED = 'queueCredKilled01';
const WF = 'queueWorkerKilled01';
const ITEMS = 20;
const IDLE_MS = 5000;

module.exports = {
	title: 'a worker killed mid-batch (SIGKILL): its documents expire, the items run again and succeed, 0 left',
	credentials: [CRED],
	workflows: [extractionBatch({ id: WF, webhookPath: 'queue-killed', credentialId: CRED, count: ITEMS, concurrency: 5 })],
	async run(t) {
		await t.fake.setConfig({ latencyMs: 1500, documentIdleMs: IDLE_MS });
		await whileActive(t, WF, async (server) => {
			await t.cluster.stopWorker('worker-2');
			const doomed = callWebhook(server, 'queue-killed').catch((error) => ({ status: 0, text: String(error) }));
			for (let i = 0; i < 100 && (await t.fake.stats()).liveDocuments < 5; i++) await t.sleep(100);
			await t.cluster.stopWorker('worker-1', 'SIGKILL');
			const atKill = await t.fake.stats();
			t.assert.ok(atKill.liveDocuments > 0, `documents in flight when the worker died: ${atKill.liveDocuments}`);

			await t.cluster.startWorker('worker-2');
			const rerun = await callWebhook(server, 'queue-killed');
			t.assert.equal(rerun.status, 200, `re-run: HTTP ${rerun.status} ${t.mask(rerun.text).slice(0, 300)}`);
			t.assert.equal(rerun.json.length, ITEMS, 'every item of the re-run succeeded');
			t.assert.ok(rerun.json.every((item) => item['Invoice Number'] === 'INV-1001'), 'with its extracted values');

			const log = await t.fake.requests();
			const createdByRerun = log.filter((entry) => isCreation(entry) && entry.origin === 'worker-2').length;
			t.assert.equal(createdByRerun, ITEMS, 'the re-run created one document per item');
			for (let waited = 0; waited < IDLE_MS * 3 && (await t.fake.stats()).liveDocuments > 0; waited += 500) await t.sleep(500);
			const end = await t.fake.stats();
			t.assert.equal(end.liveDocuments, 0, 'no document left for good');
			t.assert.ok(end.documentsExpired >= 1 && end.documentsExpired <= atKill.liveDocuments, `the killed worker's documents expired (${end.documentsExpired})`);
			const first = await doomed;
			t.note(`${atKill.liveDocuments} documents live at the kill (${atKill.documentsCreated} created), ${end.documentsExpired} expired idle; the killed run's webhook answered HTTP ${first.status}; re-run: ${createdByRerun} created, all deleted`);
		});
	},
};
