// API Request → Send: GET /classifiers returns the seeded classifier list, with one token exchange.
'use strict';

const { apiRequestNode, chain } = require('../lib/workflows');

const CRED = 'e2eCredApiReq001';
const WF = 'e2eApiRequest01';

module.exports = {
	title: 'API Request operation returns the classifier list',
	credentials: [{ id: CRED }],
	workflows: [chain({ id: WF, name: 'API Request GET /classifiers', nodes: [apiRequestNode({ credentialId: CRED, path: '/classifiers' })] })],
	async run(t) {
		const execution = await t.execute(WF);
		t.assert.equal(execution.status, 'success', execution.describe());
		t.assert.equal(execution.code, 0);
		const items = execution.items('Aluma');
		t.assert.equal(items.length, 1, 'one output item');
		const names = (items[0].classifiers ?? []).map((c) => c.name);
		t.assert.deepEqual(names, ['mailroom'], `classifier names in ${JSON.stringify(items[0]).slice(0, 300)}`);

		const stats = await t.fake.stats();
		t.assert.equal(stats.tokenExchanges, 1, 'one token exchange');
		t.assert.equal(stats.byRoute['GET /classifiers'], 1, 'one GET /classifiers');
		t.assert.equal(stats.unauthorized, 0, 'no 401');
		// the token must not leak into the node output
		const requests = await t.fake.requests();
		const tokenIds = new Set(requests.filter((r) => r.route === 'GET /classifiers').map((r) => r.tokenId));
		t.assert.deepEqual([...tokenIds], ['tok-1'], 'the request carried the token just issued');
		t.note(`execute ${(execution.ms / 1000).toFixed(1)} s`);
	},
};
