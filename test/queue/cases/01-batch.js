// Ten executions started at once, twenty documents each, at concurrency 5: together they ask for
// 50 slots of an allowance of 30 that is per API client, not per process. The workers share it only
// through Aluma's answers; the fake counts what was live at its peak.
'use strict';

const { extractionBatch } = require('../lib/workflows');
const { whileActive, callWebhook, perOrigin, isCreation, isTokenExchange, readExecution, waitForExecutions } = require('../lib/executions');

const CRED = 'queueCredBatch01';
const WF = 'queueBatch01';
const EXECUTIONS = 10;
const ITEMS = 20;

module.exports = {
	title: '10 executions × 20 documents over 2 workers: every item paired, ≤ 30 live documents, 0 left, ≤ 1 token exchange per worker',
	credentials: [CRED],
	workflows: [extractionBatch({ id: WF, webhookPath: 'queue-batch', credentialId: CRED, count: ITEMS, concurrency: 5 })],
	async run(t) {
		await t.fake.setConfig({ latencyMs: 300 });
		await whileActive(t, WF, async (server) => {
			const answers = await Promise.all(Array.from({ length: EXECUTIONS }, () => callWebhook(server, 'queue-batch')));
			for (const answer of answers) {
				t.assert.equal(answer.status, 200, `webhook: HTTP ${answer.status} ${t.mask(answer.text).slice(0, 300)}`);
				t.assert.equal(answer.json.length, ITEMS, 'the webhook answered with every item');
			}
			const executions = await waitForExecutions(server, WF, EXECUTIONS);
			t.assert.equal(executions.length, EXECUTIONS);
			for (const { id } of executions) {
				const execution = await readExecution(server, t.n8nDir, id);
				t.assert.equal(execution.status, 'success', `execution ${id}: ${execution.status}`);
				const items = execution.runData.Aluma[0].data.main[0];
				t.assert.deepEqual(items.map((item) => item.pairedItem?.item).sort((a, b) => a - b), Array.from({ length: ITEMS }, (_, i) => i), `execution ${id}: one output per input item, each paired`);
				t.assert.ok(items.every((item) => item.json['Invoice Number'] === 'INV-1001'), `execution ${id}: every item carries its extracted Invoice Number`);
			}
			const stats = await t.fake.stats();
			const log = await t.fake.requests();
			const created = perOrigin(log, isCreation);
			const exchanges = perOrigin(log, isTokenExchange);
			t.assert.equal(stats.documentsCreated, EXECUTIONS * ITEMS, 'one document per item, none created twice');
			t.assert.ok(stats.peakLiveDocuments <= 30, `peak live documents ${stats.peakLiveDocuments} ≤ 30 across all workers`);
			t.assert.equal(stats.liveDocuments, 0, 'no document left in Aluma');
			t.assert.ok(created['worker-1'] > 0 && created['worker-2'] > 0 && !created.main, `the workers split the work: ${JSON.stringify(created)}`);
			t.assert.ok(Object.values(exchanges).every((n) => n <= 1) && !exchanges.main, `at most one token exchange per worker: ${JSON.stringify(exchanges)}`);
			t.note(`documents per process ${JSON.stringify(created)}; token exchanges ${JSON.stringify(exchanges)}; peak live ${stats.peakLiveDocuments}; cap answers ${stats.documentCapAnswers}; 401s ${stats.unauthorized}`);
		});
	},
};
