// The project picker as the editor calls it on a running n8n (POST
// /rest/dynamic-node-parameters/resource-locator-results): it lists the fake's projects, and when an
// admin turns listing off (the fake answers GET /projects with 405, as an account that does not
// list projects might) n8n hands the editor the plain message and how to enter the ID, with the
// HTTP code; neither carries a stack trace.
'use strict';

const CRED = 'e2eCredPicker001';

module.exports = {
	title: 'project picker: lists projects, and says plainly when the account does not list them',
	credentials: [{ id: CRED }],
	async run(t) {
		const server = await t.server();
		const search = (nodeType) =>
			server.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
				nodeTypeAndVersion: { name: `n8n-nodes-aluma.${nodeType}`, version: 1 },
				path: 'parameters.project',
				methodName: 'searchProjects',
				currentNodeParameters: nodeType === 'aluma' ? { resource: 'project', operation: 'get', project: { __rl: true, mode: 'list', value: '' } } : { event: 'readyForValidation' },
				credentials: { alumaApi: { id: CRED, name: CRED } },
			});

		const listed = await search('aluma');
		t.assert.equal(listed.status, 200, `HTTP ${listed.status} ${t.mask(listed.text).slice(0, 300)}`);
		t.assert.deepEqual(listed.json?.data?.results, [{ name: 'Invoices', value: 'invoices-project-seed1' }]);

		await t.fake.setConfig({ projectListStatus: 405 });
		for (const nodeType of ['aluma', 'alumaTrigger']) {
			const refused = await search(nodeType);
			t.assert.ok(refused.status >= 400, `${nodeType}: the search fails (HTTP ${refused.status})`);
			// What the editor shows under the picker: "<httpCode> - <message>" and the description.
			const { message, description, httpCode } = refused.json ?? {};
			t.assert.equal(message, 'This Aluma account does not list projects', `${nodeType}: ${t.mask(refused.text).slice(0, 400)}`);
			t.assert.match(String(description), /^Enter the project ID instead: choose "By ID" in the Project parameter\./);
			t.assert.equal(String(httpCode), '405');
			t.assert.ok(![message, description].some((text) => /\n\s+at |Error:/.test(String(text))), `${nodeType}: no stack trace in what the editor shows`);
		}
		// n8n adds its own `stacktrace` field when NODE_ENV is unset or "development" (as here); the
		// editor does not render it.
		t.note('n8n also sent its stacktrace field (NODE_ENV unset), which the editor does not show');
		const requests = await t.fake.requests();
		t.assert.deepEqual(
			requests.filter((entry) => entry.route === 'GET /projects').map((entry) => entry.status),
			[200, 405, 405],
			'one listing request per search, nothing retried',
		);
	},
};
