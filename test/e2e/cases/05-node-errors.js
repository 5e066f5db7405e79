// Node errors surface as readable n8n errors: a 404 from Aluma, a path that is an absolute URL
// (refused before anything is sent), and a wrong client secret (never echoed).
'use strict';

const { apiRequestNode, chain } = require('../lib/workflows');

const CRED = 'e2eCredErrors001';
const CRED_WRONG = 'e2eCredWrongSec1';
const WF_404 = 'e2eErr404';
const WF_ABSOLUTE = 'e2eErrAbsolute';
const WF_WRONG_SECRET = 'e2eErrWrongSecret';

function errorText(execution) {
	const error = execution.nodeError('Aluma') ?? execution.error ?? {};
	return { message: String(error.message ?? ''), description: String(error.description ?? ''), httpCode: error.httpCode };
}

module.exports = [
	{
		title: 'a 404 from Aluma is a readable node error',
		credentials: [{ id: CRED }],
		workflows: [chain({ id: WF_404, name: 'error: 404', nodes: [apiRequestNode({ credentialId: CRED, path: '/no-such-thing' })] })],
		async run(t) {
			const execution = await t.execute(WF_404);
			t.assert.equal(execution.status, 'error', execution.describe());
			t.assert.equal(execution.code, 1, 'n8n execute exits 1');
			t.assert.equal(execution.lastNodeExecuted, 'Aluma');
			const { message, httpCode } = errorText(execution);
			t.assert.match(message, /^Aluma could not find/, `message: ${message}`);
			t.assert.equal(String(httpCode), '404');
			const sent = (await t.fake.requests()).filter((r) => r.path === '/no-such-thing');
			t.assert.deepEqual(sent.map((r) => r.status), [404], 'sent once, answered 404 (not retried)');
			t.note(`"${message}"`);
		},
	},
	{
		title: 'an absolute URL as path is refused and nothing is sent',
		credentials: [],
		workflows: [
			chain({ id: WF_ABSOLUTE, name: 'error: absolute URL path', nodes: [apiRequestNode({ credentialId: CRED, path: 'https://evil.example/x' })] }),
		],
		async run(t) {
			const execution = await t.execute(WF_ABSOLUTE);
			t.assert.equal(execution.status, 'error', execution.describe());
			const { message } = errorText(execution);
			t.assert.match(message, /is an absolute URL/, `message: ${message}`);
			const stats = await t.fake.stats();
			t.assert.equal(stats.requests, 0, `no request reached Aluma (byRoute ${JSON.stringify(stats.byRoute)})`);
			t.note(`"${message}"`);
		},
	},
	{
		title: 'a wrong client secret is a readable error that never shows the secret',
		credentials: [{ id: CRED_WRONG, wrongSecret: true }],
		workflows: [chain({ id: WF_WRONG_SECRET, name: 'error: wrong secret', nodes: [apiRequestNode({ credentialId: CRED_WRONG, path: '/classifiers' })] })],
		async run(t) {
			const execution = await t.execute(WF_WRONG_SECRET);
			t.assert.equal(execution.status, 'error', execution.describe());
			const { message, description } = errorText(execution);
			t.assert.match(`${message} ${description}`, /Aluma rejected the client ID or client secret/, `message: ${message} / ${description}`);
			const raw = JSON.stringify(execution.run);
			t.assert.ok(!raw.includes(t.wrongSecret), 'the secret is not in the execution data');
			const stats = await t.fake.stats();
			t.assert.equal(stats.tokenExchanges, 0);
			t.assert.equal(stats.byRoute['GET /classifiers'] ?? 0, 0, 'no API request without a token');
			t.note(`"${message}" / token requests: ${stats.tokenRequests}`);
		},
	},
];
