// A token one worker obtained is stored (encrypted) with the credential in PostgreSQL; a worker
// that never held it reads it from there and exchanges nothing.
'use strict';

const { extractionBatch } = require('../lib/workflows');
const { whileActive, callWebhook, perOrigin, isTokenExchange } = require('../lib/executions');

const CRED = 'queueCredFromDb01';
const WF = 'queueTokenFromDb01';

module.exports = {
	title: 'a token stored by worker-1 is reused by worker-2 from the database: 0 more exchanges, 0 × 401',
	credentials: [CRED],
	workflows: [extractionBatch({ id: WF, webhookPath: 'queue-token-db', credentialId: CRED, count: 2, concurrency: 2 })],
	async run(t) {
		await whileActive(t, WF, async (server) => {
			await t.cluster.stopWorker('worker-2');
			const first = await callWebhook(server, 'queue-token-db');
			t.assert.equal(first.status, 200, `on worker-1: HTTP ${first.status} ${t.mask(first.text).slice(0, 300)}`);
			const before = perOrigin(await t.fake.requests(), isTokenExchange);
			t.assert.deepEqual(before, { 'worker-1': 1 }, 'worker-1 exchanged one token');

			// worker-2 starts fresh (nothing in its memory) and is the only worker left
			await t.cluster.startWorker('worker-2');
			await t.cluster.stopWorker('worker-1');
			const answers = await Promise.all([1, 2, 3].map(() => callWebhook(server, 'queue-token-db')));
			for (const answer of answers) t.assert.equal(answer.status, 200, `on worker-2: HTTP ${answer.status} ${t.mask(answer.text).slice(0, 300)}`);
			const log = await t.fake.requests();
			const stats = await t.fake.stats();
			const fromWorker2 = log.filter((entry) => entry.origin === 'worker-2' && entry.route !== 'POST /oauth/token');
			const tokenOfWorker1 = log.find((entry) => entry.origin === 'worker-1' && entry.tokenId)?.tokenId;
			t.assert.ok(fromWorker2.length >= 6, `worker-2 sent the requests (${fromWorker2.length})`);
			t.assert.deepEqual(perOrigin(log, isTokenExchange), { 'worker-1': 1 }, 'worker-2 exchanged no token');
			t.assert.ok(fromWorker2.every((entry) => entry.tokenId === tokenOfWorker1), 'worker-2 used the token worker-1 stored');
			t.assert.equal(stats.unauthorized, 0, 'no 401');
			t.note(`exchanges: worker-1 1, worker-2 0; worker-2 sent ${fromWorker2.length} requests with worker-1's token`);
		});
	},
};
