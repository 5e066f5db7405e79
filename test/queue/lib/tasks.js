// Tasks made straight through the fake's API (as another Aluma client would), for the trigger case.
'use strict';

const fs = require('node:fs');

/** Calls the fake as an API client with its own token. */
async function alumaClient(t) {
	const { access_token: token } = await fetch(`${t.fake.url}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: t.clientId, client_secret: t.secret }).toString(),
	}).then(async (response) => await response.json());
	return async (method, route, body, contentType) => {
		const response = await fetch(`${t.fake.url}${route}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
		if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status}`);
		return await response.json();
	};
}

/** A project that only exports, and `count` of its tasks waiting for their export. */
async function tasksReadyForExport(t, count, projectId) {
	const call = await alumaClient(t);
	const project = projectId ?? (await call('POST', '/projects', fs.readFileSync(t.fixture('receipts.alproj')), 'application/octet-stream')).id;
	const ids = [];
	for (let i = 0; i < count; i++) {
		const task = await call('POST', `/tasks?project_id=${project}`, fs.readFileSync(t.fixture('invoice.pdf')), 'application/pdf');
		const advanced = await t.fake.advanceTask(task.id, 'pending:start_client_action');
		t.assert.equal(advanced.client_action ?? advanced.task?.client_action, 'export', 'the task waits for its export');
		ids.push(task.id);
	}
	return { projectId: project, ids };
}

module.exports = { tasksReadyForExport };
