// Human validation native to n8n, end to end on a running n8n: the example examples/human-validation.json
// is imported as it is (only its credential pointed at this run's fake) and activated. Its Aluma
// Trigger fires on a task ready for validation (the poll n8n runs on activation); Start Validation
// gives the fields, the Wait node's form shows them to a person, who corrects two and submits, and
// Complete Validation sends the validated results. The fake must have received exactly those.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { loadExamples } = require('../lib/examples');

const CRED = 'e2eCredValidate1';
const { workflow } = loadExamples(CRED).find(({ file }) => file === 'human-validation.json');
const FORM_NODE = 'Reviewer Checks the Fields';
/** What the person submits: the form's fields in order, two of them corrected. */
const SUBMITTED = {
	'Document Type': 'Invoice',
	'Invoice Number': 'INV-1001-A',
	'Invoice Date': '2026-11-02',
	'Supplier Name': 'ACME Supplies Ltd',
	'Gross Total': '120.50',
};

/** A task on the fake's seeded project (validation, then export), waiting for its validation. */
async function taskWaitingForValidation(t) {
	const token = await fetch(`${t.fake.url}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: t.clientId, client_secret: t.secret }).toString(),
	}).then((response) => response.json());
	const created = await fetch(`${t.fake.url}/tasks?project_id=invoices-project-seed1`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/pdf', 'x-aluma-tags': 'task_name=e2e-validation' },
		body: fs.readFileSync(t.fixture('invoice.pdf')),
	});
	t.assert.equal(created.status, 201, 'the fake created the task');
	const { id } = await created.json();
	const task = await t.fake.advanceTask(id, 'pending:start_client_action');
	t.assert.equal(task.client_action, 'validation', 'the task waits for validation');
	return id;
}

/** The run data of an execution, whatever form this n8n version sends it in (flatted text or an object). */
function runDataOf(t, execution) {
	const flatted = require(path.join(t.n8n.dir, 'app', 'node_modules', 'flatted'));
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return data?.resultData?.runData ?? {};
}

/** Polls the workflow's latest execution until `done(execution)`; returns it. */
async function waitForExecution(t, server, done, what) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
	for (let waited = 0; waited < 120_000; waited += 1000) {
		const list = await server.rest('GET', `/rest/executions?filter=${filter}`);
		const [latest] = list.json?.data?.results ?? [];
		if (latest) {
			const full = await server.rest('GET', `/rest/executions/${latest.id}`);
			const execution = full.json?.data;
			if (execution && done(execution)) return execution;
			if (execution && ['error', 'crashed', 'canceled'].includes(execution.status)) {
				throw new Error(`the execution ended ${execution.status} while waiting for ${what}: ${JSON.stringify(runDataOf(t, execution)).slice(0, 800)}`);
			}
		}
		await t.sleep(1000);
	}
	throw new Error(`no execution ${what} within 120 s`);
}

module.exports = {
	title: 'human validation: the example workflow (Aluma Trigger → Start → n8n form → Complete) sends what a person corrected',
	credentials: [{ id: CRED }],
	workflows: [workflow],
	async run(t) {
		const server = await t.server();
		const taskId = await taskWaitingForValidation(t);

		const stored = await server.rest('GET', `/rest/workflows/${workflow.id}`);
		t.assert.equal(stored.status, 200, `GET workflow: ${t.mask(stored.text).slice(0, 300)}`);
		const activated = await server.rest('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: stored.json.data.versionId });
		t.assert.equal(activated.status, 200, `activate: ${t.mask(activated.text).slice(0, 500)}`);
		try {
			// The trigger polls once on activation and, with "Include Existing Tasks", emits the task.
			const waiting = await waitForExecution(t, server, (execution) => execution.status === 'waiting', 'waiting for the form');
			const runData = runDataOf(t, waiting);
			const review = runData['Prepare Review']?.[0]?.data?.main?.[0]?.[0]?.json;
			t.assert.equal(review?.taskId, taskId, 'the trigger handed this task to Start Validation');
			t.assert.equal(review['Invoice Number'], 'INV-1001', 'the form is prefilled with what Aluma read');
			t.assert.equal(review['Gross Total'], '120');
			const link = new URL(review.reviewUrl);
			t.note(`review link ${link.pathname}${link.search ? ' (signed)' : ''}`);

			const formUrl = `${server.url}${link.pathname}${link.search}`;
			const page = await fetch(formUrl);
			const html = await page.text();
			t.assert.equal(page.status, 200, `GET form: ${html.slice(0, 300)}`);
			t.assert.ok(html.includes('INV-1001') && html.includes('ACME Supplies Ltd'), 'the form page shows the values to check');

			const form = new FormData();
			Object.values(SUBMITTED).forEach((value, index) => form.append(`field-${index}`, value));
			const submitted = await fetch(formUrl, { method: 'POST', body: form });
			t.assert.ok(submitted.status < 400, `POST form: HTTP ${submitted.status} ${(await submitted.text()).slice(0, 300)}`);

			const finished = await waitForExecution(t, server, (execution) => execution.status === 'success', 'to finish');
			const completed = runDataOf(t, finished)['Complete Validation']?.[0]?.data?.main?.[0]?.[0]?.json;
			t.assert.deepEqual([completed?.taskId, completed?.completed], [taskId, true], 'Complete Validation ran for the task');
			t.assert.ok(runDataOf(t, finished)[FORM_NODE], 'the form step ran');

			const received = await t.fake.task(taskId);
			const { 'Document Type': documentType, ...fields } = SUBMITTED;
			t.assert.deepEqual(
				received.client_action_bodies,
				[{ step: 'complete', action: 'validation', body: { documents: [{ document_type: documentType, fields }] } }],
				'Aluma received exactly the validated results',
			);
			t.assert.deepEqual([received.state, received.client_action], ['pending:start_client_action', 'export'], 'the task now waits for export');
		} finally {
			await server.rest('POST', `/rest/workflows/${workflow.id}/deactivate`, {});
		}
	},
};
