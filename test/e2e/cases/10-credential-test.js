// The credential test n8n runs when a credential is saved (POST /rest/credentials/test on a running
// n8n): the right secret → OK; a wrong one → an error saying Aluma rejected the client ID or secret,
// without the secret in the answer or in n8n's log.
'use strict';

const fs = require('node:fs');

const CRED = 'e2eCredTestOk001';

module.exports = {
	title: 'credential test: OK with the right secret, readable error with a wrong one',
	credentials: [{ id: CRED, name: 'Aluma e2e credential test' }],
	async run(t) {
		const server = await t.server();
		const data = (clientSecret) => ({ clientId: t.clientId, clientSecret, baseUrl: t.fake.url });
		const test = (clientSecret) =>
			server.rest('POST', '/rest/credentials/test', {
				credentials: { id: CRED, name: 'Aluma e2e credential test', type: 'alumaApi', data: data(clientSecret) },
			});

		const ok = await test(t.secret);
		t.assert.equal(ok.status, 200, `HTTP ${ok.status} ${t.mask(ok.text).slice(0, 300)}`);
		t.assert.equal(ok.json?.data?.status, 'OK', `answer: ${t.mask(ok.text).slice(0, 300)}`);
		const afterOk = await t.fake.stats();
		t.assert.equal(afterOk.tokenExchanges, 1, 'the test exchanged the secret for a token');
		t.assert.equal(afterOk.byRoute['GET /classifiers'], 1, 'and called GET /classifiers with it');

		const wrong = await test(t.wrongSecret);
		t.assert.equal(wrong.status, 200, `HTTP ${wrong.status}`);
		t.assert.ok(!wrong.text.includes(t.wrongSecret), 'the wrong secret is not in the answer');
		t.assert.ok(!wrong.text.includes(t.secret), 'the stored secret is not in the answer');
		const log = fs.readFileSync(server.logFile, 'utf8');
		t.assert.ok(!log.includes(t.wrongSecret) && !log.includes(t.secret), "no secret in n8n's log");
		t.note(`wrong secret → ${t.mask(JSON.stringify(wrong.json?.data))}`);
		t.assert.equal(wrong.json?.data?.status, 'Error', `answer: ${t.mask(wrong.text).slice(0, 300)}`);
		t.assert.match(String(wrong.json?.data?.message), /Aluma rejected the client ID or client secret/);
		const afterWrong = await t.fake.stats();
		t.assert.equal(afterWrong.tokenExchanges, 1, 'no token issued for the wrong secret');
		t.assert.equal(afterWrong.byRoute['GET /classifiers'], 1, 'no API request without a token');
	},
};
