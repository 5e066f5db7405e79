// Renewal before expiry. The fake issues tokens valid for LIFETIME s; the node stores a renew-by
// time LIFETIME/10 s earlier (at most 2 min). The second execution sends its request after that
// renew-by time but while the server still accepts the old token: the node must renew on its own
// (one new exchange, no 401). A Wait node resumes at renew-by + 0.5 s inside the second execution
// (passed in through $env), so n8n's start-up time does not matter.
'use strict';

const { apiRequestNode, chain, waitUntilNode } = require('../lib/workflows');

const CRED = 'e2eCredRenew0001';
const WF_FIRST = 'e2eRenewFirst01';
const WF_SECOND = 'e2eRenewSecond01';
const LIFETIME_S = 30;

module.exports = {
	title: 'token is renewed before it expires (no 401)',
	credentials: [{ id: CRED }],
	workflows: [
		chain({ id: WF_FIRST, name: 'renewal: first', nodes: [apiRequestNode({ credentialId: CRED, path: '/classifiers' })] }),
		chain({
			id: WF_SECOND,
			name: 'renewal: second, after the renew-by time',
			nodes: [waitUntilNode({ dateTime: '={{ $env.E2E_RESUME_AT }}' }), apiRequestNode({ credentialId: CRED, path: '/classifiers' })],
		}),
	],
	async run(t) {
		await t.fake.setConfig({ tokenLifetimeSeconds: LIFETIME_S });
		const first = await t.execute(WF_FIRST);
		t.assert.equal(first.status, 'success', `first run: ${first.describe()}`);
		const [issued] = (await t.fake.requests()).filter((r) => r.route === 'POST /oauth/token' && r.status === 200);
		t.assert.ok(issued, 'first token issued');
		const stored = await t.exportCredential(CRED);
		const renewBy = Number(stored.tokenExpiresAt);
		const serverExpiry = issued.at + LIFETIME_S * 1000;
		t.assert.ok(renewBy > issued.at && renewBy < serverExpiry, `renew-by ${renewBy - issued.at} ms after issue, before the server expiry`);
		t.assert.ok(
			Math.abs(serverExpiry - renewBy - LIFETIME_S * 100) < 1500,
			`renews a tenth of the lifetime early (${serverExpiry - renewBy} ms, expected ~${LIFETIME_S * 100})`,
		);
		const resumeAt = renewBy + 500;
		t.assert.ok(Date.now() < renewBy - 1000, `the first run and the export took too long: only ${renewBy - Date.now()} ms left before renew-by`);

		const second = await t.execute(WF_SECOND, {
			env: { E2E_RESUME_AT: new Date(resumeAt).toISOString(), N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false' },
		});
		t.assert.equal(second.status, 'success', `second run: ${second.describe()}`);
		t.assert.equal(second.items('Aluma')[0]?.classifiers?.[0]?.name, 'mailroom');

		const stats = await t.fake.stats();
		t.assert.equal(stats.tokenExchanges, 2, 'one new token exchange in the second execution');
		t.assert.equal(stats.unauthorized, 0, 'no request was sent with an expired token (no 401)');
		const log = await t.fake.requests();
		const exchanges = log.filter((r) => r.route === 'POST /oauth/token' && r.status === 200);
		const renewal = exchanges[1];
		t.assert.ok(renewal.at >= renewBy, `renewed after the renew-by time (${renewal.at - renewBy} ms after)`);
		t.assert.ok(renewal.at < serverExpiry, `renewed while the old token was still valid (${serverExpiry - renewal.at} ms before its expiry)`);
		const gets = log.filter((r) => r.route === 'GET /classifiers');
		t.assert.deepEqual(gets.map((r) => r.tokenId), ['tok-1', 'tok-2'], 'second request used the renewed token');
		t.note(`renewed ${renewal.at - renewBy} ms after renew-by, ${serverExpiry - renewal.at} ms before the old token expired`);
	},
};
