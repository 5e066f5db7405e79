// Pre-authentication stores the token in the first execution; a second execution (a new n8n
// process) reuses it: one token exchange across both, and the token + renew-by time are persisted.
'use strict';

const { apiRequestNode, chain } = require('../lib/workflows');

const CRED = 'e2eCredReuse0001';
const WF = 'e2eTokenReuse01';

module.exports = {
	title: 'token stored by the first execution is reused by the second',
	credentials: [{ id: CRED }],
	workflows: [chain({ id: WF, name: 'token reuse', nodes: [apiRequestNode({ credentialId: CRED, path: '/classifiers' })] })],
	async run(t) {
		const before = Date.now();
		const first = await t.execute(WF);
		t.assert.equal(first.status, 'success', `first run: ${first.describe()}`);
		const stored = await t.exportCredential(CRED);
		t.assert.ok(stored, 'credential exported');
		t.assert.equal(typeof stored.accessToken, 'string');
		t.assert.ok(stored.accessToken.length > 0, 'accessToken persisted');
		t.assert.equal(stored.clientSecret, t.secret, 'the secret is kept as entered');
		const expiresAt = Number(stored.tokenExpiresAt);
		// fake lifetime 86400 s; the node renews min(2 min, lifetime/10) early
		const expected = before + 86400_000 - 120_000;
		t.assert.ok(Math.abs(expiresAt - expected) < 5 * 60_000, `tokenExpiresAt ${expiresAt} is about issue + 86400 s - 2 min (${expected})`);

		const second = await t.execute(WF);
		t.assert.equal(second.status, 'success', `second run: ${second.describe()}`);
		t.assert.equal(second.items('Aluma')[0]?.classifiers?.[0]?.name, 'mailroom');

		const stats = await t.fake.stats();
		t.assert.equal(stats.tokenExchanges, 1, 'exactly one token exchange across both executions');
		t.assert.equal(stats.byRoute['GET /classifiers'], 2, 'two GET /classifiers');
		t.assert.equal(stats.unauthorized, 0, 'no 401');
		const again = await t.exportCredential(CRED);
		t.assert.equal(again.accessToken, stored.accessToken, 'the stored token is unchanged');
		t.assert.equal(Number(again.tokenExpiresAt), expiresAt);
		for (const execution of [first, second]) {
			t.assert.ok(!JSON.stringify(execution.run).includes(stored.accessToken), 'the token is not in the execution data');
			t.assert.ok(!JSON.stringify(execution.run).includes(t.secret), 'the secret is not in the execution data');
		}
	},
};
