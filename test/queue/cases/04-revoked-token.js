// Aluma revokes every token while both workers hold one: each worker meets a 401, renews once
// (single flight in its process) and carries on; every execution succeeds.
'use strict';

const { extractionBatch } = require('../lib/workflows');
const { whileActive, callWebhook, perOrigin, isTokenExchange, isUnauthorized } = require('../lib/executions');

const CRED = 'queueCredRevoke01';
const WF = 'queueTokenRevoke01';
const CALLS = 10;

async function burst(t, server) {
	const answers = await Promise.all(Array.from({ length: CALLS }, () => callWebhook(server, 'queue-token-revoke')));
	for (const answer of answers) t.assert.equal(answer.status, 200, `HTTP ${answer.status} ${t.mask(answer.text).slice(0, 300)}`);
}

module.exports = {
	title: 'a revoked token recovers on every worker: one renewal per worker, every execution succeeds',
	credentials: [CRED],
	workflows: [extractionBatch({ id: WF, webhookPath: 'queue-token-revoke', credentialId: CRED, count: 2, concurrency: 2 })],
	async run(t) {
		await t.fake.setConfig({ latencyMs: 500 });
		await whileActive(t, WF, async (server) => {
			await burst(t, server);
			const warm = await t.fake.requests();
			const workersBefore = Object.keys(perOrigin(warm, (entry) => entry.status === 200)).sort();
			t.assert.deepEqual(workersBefore, ['worker-1', 'worker-2'], 'both workers hold a token');

			const revokedAt = Date.now();
			await t.fake.revokeTokens();
			await burst(t, server);
			const after = (await t.fake.requests()).filter((entry) => entry.at >= revokedAt);
			const renewals = perOrigin(after, isTokenExchange);
			const refused = perOrigin(after, isUnauthorized);
			const served = perOrigin(after, (entry) => entry.status === 200 && entry.route !== 'POST /oauth/token');
			t.assert.ok(Object.values(renewals).every((n) => n <= 1), `at most one renewal per worker: ${JSON.stringify(renewals)}`);
			t.assert.deepEqual(Object.keys(served).sort(), ['worker-1', 'worker-2'], 'both workers served requests after the revocation');
			for (const worker of Object.keys(refused)) t.assert.ok(served[worker] > 0 && renewals[worker] === 1, `${worker} renewed and went on after its 401`);
			t.assert.equal((await t.fake.stats()).liveDocuments, 0);
			t.note(`after the revocation: 401s ${JSON.stringify(refused)}, renewals ${JSON.stringify(renewals)}, answered ${JSON.stringify(served)}`);
		});
	},
};
