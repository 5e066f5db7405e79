// Tokens that expire in the middle of a batch running on both workers: each process renews before
// the expiry stored with the token, so no request ever goes out with a dead one.
'use strict';

const { extractionBatch } = require('../lib/workflows');
const { whileActive, callWebhook, perOrigin, isTokenExchange } = require('../lib/executions');

const CRED = 'queueCredExpiry01';
const WF = 'queueTokenExpiry01';
const LIFETIME_S = 8;

module.exports = {
	title: `tokens living ${LIFETIME_S} s expire mid-batch on both workers: renewed before use, 0 × 401`,
	credentials: [CRED],
	workflows: [extractionBatch({ id: WF, webhookPath: 'queue-token-expiry', credentialId: CRED, count: 40, concurrency: 5 })],
	async run(t) {
		await t.fake.setConfig({ tokenLifetimeSeconds: LIFETIME_S, latencyMs: 1500 });
		await whileActive(t, WF, async (server) => {
			const started = Date.now();
			const answers = await Promise.all([1, 2, 3, 4].map(() => callWebhook(server, 'queue-token-expiry')));
			const ms = Date.now() - started;
			for (const answer of answers) {
				t.assert.equal(answer.status, 200, `HTTP ${answer.status} ${t.mask(answer.text).slice(0, 300)}`);
				t.assert.equal(answer.json.length, 40);
			}
			const stats = await t.fake.stats();
			const log = await t.fake.requests();
			const exchanges = perOrigin(log, isTokenExchange);
			const tokensUsed = new Set(log.filter((entry) => entry.route !== 'POST /oauth/token').map((entry) => entry.tokenId));
			t.assert.ok(ms > LIFETIME_S * 1000, `the batch outlived a token (${ms} ms)`);
			t.assert.ok(stats.tokenExchanges >= 2 && tokensUsed.size >= 2, `tokens were renewed (${stats.tokenExchanges} exchanges, ${tokensUsed.size} tokens used)`);
			t.assert.equal(stats.unauthorized, 0, 'no request went out with an expired token');
			t.assert.equal(stats.liveDocuments, 0, 'no document left');
			t.note(`${ms} ms for 4 × 40 items; exchanges per process ${JSON.stringify(exchanges)}; 401s ${stats.unauthorized}`);
		});
	},
};
