// Aluma revokes a token early: the request gets 401, the node renews once and resends once.
'use strict';

const { apiRequestNode, chain } = require('../lib/workflows');

const CRED = 'e2eCredRevoke001';
const WF = 'e2eRevoked01';

module.exports = {
	title: 'recovers from a revoked token (one renewal, one resend)',
	credentials: [{ id: CRED }],
	workflows: [chain({ id: WF, name: 'revoked token', nodes: [apiRequestNode({ credentialId: CRED, path: '/classifiers' })] })],
	async run(t) {
		const first = await t.execute(WF);
		t.assert.equal(first.status, 'success', `first run: ${first.describe()}`);
		const { revoked } = await t.fake.revokeTokens();
		t.assert.equal(revoked, 1, 'one live token revoked');

		const second = await t.execute(WF);
		t.assert.equal(second.status, 'success', `run after revoking: ${second.describe()}`);
		t.assert.equal(second.items('Aluma')[0]?.classifiers?.[0]?.name, 'mailroom');
		const stats = await t.fake.stats();
		t.assert.equal(stats.tokenExchanges, 2, 'exactly one new token exchange');
		t.assert.equal(stats.unauthorized, 1, 'exactly one 401');
		t.assert.equal(stats.byRoute['GET /classifiers'], 3, 'first run + rejected request + one resend');
		const gets = (await t.fake.requests()).filter((r) => r.route === 'GET /classifiers');
		t.assert.deepEqual(gets.map((r) => [r.tokenId, r.status]), [['tok-1', 200], ['tok-1', 401], ['tok-2', 200]]);
		const stored = await t.exportCredential(CRED);
		t.assert.ok(stored.accessToken, 'the renewed token is stored');
		const third = await t.execute(WF);
		t.assert.equal(third.status, 'success', `third run: ${third.describe()}`);
		t.assert.equal((await t.fake.stats()).tokenExchanges, 2, 'the renewed token was persisted and reused');
	},
};
