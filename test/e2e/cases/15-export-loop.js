// The README's recommended export loop, examples/export-loop.json as shipped (Aluma Trigger → Export
// Task → store → Complete), run in a real n8n server from its trigger as the editor's "Test
// workflow" does. Aluma's Export Specification carries HAL `_links` (self, and POST-only complete/
// cancel/fail): only the files may be fetched. Then the same loop with Aluma failing the file
// downloads: Export Task hands the task back (cancel) and says so, and the next run exports it.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CRED = 'e2eCredExportLp1';
const EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'export-loop.json');
const DEMO_CREDENTIAL = 'alumaDemoCred01';

function pointAt(value, credentialId) {
	if (Array.isArray(value)) return value.map((entry) => pointAt(entry, credentialId));
	if (value && typeof value === 'object') {
		if (value.alumaApi?.id === DEMO_CREDENTIAL) return { alumaApi: { id: credentialId, name: credentialId } };
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, pointAt(inner, credentialId)]));
	}
	return value;
}

const workflow = pointAt(JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')), CRED);
const TRIGGER = workflow.nodes.find((node) => node.type === 'n8n-nodes-aluma.alumaTrigger').name;

/** A task of an export-only project, waiting for its export (made through Aluma's API directly). */
async function exportableTask(t) {
	const token = await fetch(`${t.fake.url}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: t.clientId, client_secret: t.secret }).toString(),
	}).then(async (response) => (await response.json()).access_token);
	const project = await fetch(`${t.fake.url}/projects`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
		body: fs.readFileSync(t.fixture('receipts.alproj')),
	}).then(async (response) => await response.json());
	const created = await fetch(`${t.fake.url}/tasks?project_id=${project.id}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-aluma-tags': 'name=invoice.pdf' },
		body: fs.readFileSync(t.fixture('invoice.pdf')),
	}).then(async (response) => await response.json());
	const advanced = await fetch(`${t.fake.url}/__admin/tasks/${created.id}/advance`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ to: 'pending:start_client_action' }),
	}).then(async (response) => await response.json());
	t.assert.equal(advanced.client_action ?? advanced.task?.client_action, 'export', `task ready for export: ${JSON.stringify(advanced).slice(0, 200)}`);
	return created.id;
}

async function runFromTrigger(t, server) {
	const executionId = await server.runWorkflow(workflow, TRIGGER);
	for (let i = 0; i < 240; i++) {
		const execution = await server.rest('GET', `/rest/executions/${executionId}`);
		const status = execution.json?.data?.status;
		if (status && !['new', 'running', 'waiting'].includes(status)) return { status, text: execution.text };
		await t.sleep(250);
	}
	throw new Error(`execution ${executionId} did not finish in 60 s`);
}

module.exports = {
	title: 'the export loop example runs from its trigger: only files fetched; a failed download hands the task back',
	credentials: [{ id: CRED }],
	workflows: [workflow],
	async run(t) {
		const server = await t.server();

		// 1. The loop as shipped, on a specification with HAL links.
		const first = await exportableTask(t);
		const ok = await runFromTrigger(t, server);
		t.assert.equal(ok.status, 'success', `export loop: ${ok.status} ${t.mask(ok.text).slice(0, 400)}`);
		let log = await t.fake.requests();
		const gets = log.filter((entry) => entry.method === 'GET' && entry.path.startsWith(`/tasks/${first}`));
		t.assert.equal(gets.length, 3, `three files fetched: ${gets.map((entry) => entry.path).join(', ')}`);
		t.assert.ok(gets.every((entry) => entry.path.startsWith(`/tasks/${first}/files/`) && entry.status === 200), 'only /files/ of this task, each 200');
		t.assert.equal(log.filter((entry) => entry.status === 405).length, 0, 'no request with a method Aluma does not allow');
		const actions = log.filter((entry) => entry.path.startsWith(`/tasks/${first}/client_actions/`)).map((entry) => `${entry.path.split('/').pop()} ${entry.status}`);
		t.assert.deepEqual(actions, ['start 200', 'complete 200'], 'start, then complete after the data was stored');
		const listed = await fetch(`${t.fake.url}/__admin/stats`).then(async (response) => await response.json());
		t.note(`loop: ${gets.length} files, actions ${actions.join(' → ')}; requests ${listed.requests}`);

		// 2. Aluma fails every try of a file download: the task is handed back, the error says so.
		await t.fake.reset();
		const second = await exportableTask(t);
		await t.fake.injectFaults({ kind: 'status', status: 500, path: '/files/', times: 4 });
		const failed = await runFromTrigger(t, server);
		t.assert.equal(failed.status, 'error', `failed download: ${failed.status}`);
		t.assert.ok(failed.text.includes(`The export of task ${second} was handed back (canceled)`), `the error says the task was handed back: ${t.mask(failed.text).slice(0, 600)}`);
		log = await t.fake.requests();
		const steps = log.filter((entry) => entry.path.startsWith(`/tasks/${second}/client_actions/`)).map((entry) => `${entry.path.split('/').pop()} ${entry.status}`);
		t.assert.deepEqual(steps, ['start 200', 'cancel 200'], 'started, then handed back');

		// 3. Handed back means exportable again right away (not after Aluma's 30-minute timeout).
		const again = await runFromTrigger(t, server);
		t.assert.equal(again.status, 'success', `run after the hand-back: ${again.status} ${t.mask(again.text).slice(0, 300)}`);
		log = await t.fake.requests();
		const completed = log.filter((entry) => entry.path === `/tasks/${second}/client_actions/export/complete` && entry.status === 200);
		t.assert.equal(completed.length, 1, 'the handed-back task was exported and completed by the next run');
		t.note(`failed download → ${steps.join(' → ')}; next run completed it`);
	},
};
