/**
 * Export resource (client actions) in n8n's engine against the fake Aluma server's task state
 * machine: Start, Export Task, Complete, Cancel, Fail, and the errors for a task that is not in
 * the state a step needs. Projects: "Receipts" (export only, uploaded from receipts.alproj) and the
 * seeded "Invoices" (validation, then export).
 *
 * Run: npx jest test/workflow/tasks/export.test.ts
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { expectSuccess, failureOf, fixture, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { createTasks, params, requestLines, taskRecord, taskState, uploadProject, waitingTasks } from '../../support/tasks';

const HOUR = 3_600_000;
const aluma = useFakeAluma({ taskQueuedMs: HOUR, taskRunningMs: HOUR });

const SEEDED_PROJECT = 'invoices-project-seed1';
const exportOp = (operation: string, parameters: INodeParameters) => params('export', operation, parameters);

/** A task of the export-only project, waiting for its export to be started. */
async function exportableTask(file = 'invoice.pdf'): Promise<string> {
	const receipts = await uploadProject(aluma);
	const [id] = await waitingTasks(aluma, receipts, [file]);
	return id;
}

/** A task whose export was started (state pending:complete_client_action). */
async function startedExport(): Promise<string> {
	const id = await exportableTask();
	expectSuccess(await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'export', downloadFiles: false }) }));
	return id;
}

describe('Start', () => {
	it.each(['memory', 'filesystem'] as const)('returns the export specification and its files as binary data (%s binary mode)', async (binaryMode) => {
		const id = await exportableTask();

		const result = await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'export' }), binaryMode });

		const [item] = expectSuccess(result);
		const spec = item.json.specification as IDataObject;
		expect(spec).toMatchObject({ task_id: id, action: 'export', documents: [expect.objectContaining({ document_type: 'Invoice' })] });
		const links = (spec.documents as Array<{ files: Array<{ href: string; name: string }> }>)[0].files;
		expect(item.json.files).toEqual([
			{ href: links[0].href, binaryProperty: 'file_1', fileName: 'invoice.pdf' },
			{ href: links[1].href, binaryProperty: 'file_2', fileName: 'invoice.pdf' },
			{ href: links[2].href, binaryProperty: 'file_3', fileName: 'invoice.json' },
		]);
		expect(item.binary).toMatchObject({
			file_1: { fileName: 'invoice.pdf', mimeType: 'application/pdf' },
			file_2: { fileName: 'invoice.pdf', mimeType: 'application/pdf' },
			file_3: { fileName: 'invoice.json', mimeType: 'application/json' },
		});
		expect(await result.binary(item, 'file_1')).toEqual(fixture('invoice.pdf'));
		expect((await result.binary(item, 'file_2')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(JSON.parse((await result.binary(item, 'file_3')).toString('utf8'))).toEqual({
			document_type: 'Invoice',
			fields: (spec.documents as IDataObject[])[0].fields,
		});
		expect(taskState(aluma.fake, id)).toEqual({ state: 'pending:complete_client_action', client_action: 'export' });
		expect(requestLines(aluma.fake).slice(-4)).toEqual([`POST /tasks/${id}/client_actions/export/start`, ...links.map((link) => `GET ${link.href}`)]);
	});

	it('downloads nothing when Download Files is off', async () => {
		const id = await exportableTask();
		const before = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'export', downloadFiles: false }) });

		const [item] = expectSuccess(result);
		expect(item.json).toMatchObject({ taskId: id, files: [] });
		expect(item.binary).toBeUndefined();
		expect(requestLines(aluma.fake, before)).toEqual([`POST /tasks/${id}/client_actions/export/start`]);
	});

	it('starts a validation and returns the validation specification', async () => {
		const [id] = await waitingTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

		const result = await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'validation' }) });

		const [item] = expectSuccess(result);
		expect(item.json.specification).toMatchObject({
			task_id: id,
			action: 'validation',
			project_id: SEEDED_PROJECT,
			documents: [expect.objectContaining({ document_type: 'Invoice', is_confident: true, page_count: 1, fields: expect.any(Array) })],
		});
		expect(Object.keys(item.binary ?? {})).toEqual(['file_1']);
		expect(taskState(aluma.fake, id)).toEqual({ state: 'pending:complete_client_action', client_action: 'validation' });
	});

	it('explains, in a NodeApiError, that a task still being processed cannot be exported yet', async () => {
		const receipts = await uploadProject(aluma);
		const [id] = await createTasks(aluma, receipts, ['invoice.pdf']);

		const result = await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'export' }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toEqual({
			name: 'NodeApiError',
			message: `Aluma did not accept "start" for the export of task ${id}`,
			description:
				`Aluma said: Task '${id}' is queued; this needs pending:start_client_action with client action 'export'. ` +
				'The task must be waiting for its export to be started (state pending:start_client_action, client action "export"). ' +
				'Check it with Task → Get; a started export that is not completed within 30 minutes goes back to waiting',
			itemIndex: 0,
			httpCode: '422',
		});
		expect(taskState(aluma.fake, id).state).toBe('queued');
	});

	it('explains that a task waiting for validation cannot be exported', async () => {
		const [id] = await waitingTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

		const result = await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'export' }) });

		expect(failureOf(result)).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(failureOf(result).description).toContain(`Aluma said: Task '${id}' is pending:start_client_action (client action validation)`);
		expect(failureOf(result).description).toContain('The task must be waiting for its export to be started');
	});

	it('fails with a NodeApiError for a task that does not exist', async () => {
		const result = await aluma.run({ parameters: exportOp('start', { taskId: 'no-such-task', clientAction: 'export' }) });

		expect(failureOf(result)).toMatchObject({
			name: 'NodeApiError',
			message: 'No Aluma task has the ID "no-such-task" (parameter "Task ID")',
			httpCode: '404',
		});
	});
});

describe('Export Task', () => {
	it('starts the export and downloads its files, leaving it started until Complete', async () => {
		const id = await exportableTask();

		const result = await aluma.run({ parameters: exportOp('exportTask', { taskId: id }) });

		const [item] = expectSuccess(result);
		expect(item.json.completed).toBeUndefined();
		expect(Object.keys(item.binary ?? {})).toEqual(['file_1', 'file_2', 'file_3']);
		expect(taskState(aluma.fake, id).state).toBe('pending:complete_client_action');
	});

	it('completes the export in the same step with Complete Right Away', async () => {
		const id = await exportableTask();
		const before = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: exportOp('exportTask', { taskId: id, completeNow: true }) });

		const [item] = expectSuccess(result);
		expect(item.json.completed).toBe(true);
		expect(await result.binary(item, 'file_1')).toEqual(fixture('invoice.pdf'));
		expect(taskState(aluma.fake, id)).toEqual({ state: 'completed', client_action: null });
		const lines = requestLines(aluma.fake, before);
		expect(lines[0]).toBe(`POST /tasks/${id}/client_actions/export/start`);
		expect(lines.slice(1, 4).every((line) => line.startsWith(`GET /tasks/${id}/files/`))).toBe(true);
		expect(lines.slice(4)).toEqual([`POST /tasks/${id}/client_actions/export/complete`]);
	});

	it('hands the task back (Cancel) when a file download fails, so a later run can export it again', async () => {
		const id = await exportableTask();
		aluma.fake.injectFault({ kind: 'status', status: 503, retryAfter: '0', path: '/files/', times: 4 });
		const before = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: exportOp('exportTask', { taskId: id, completeNow: true }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result).description).toContain(`The export of task ${id} was handed back (canceled)`);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma had a server error (HTTP 503) when trying to download a file of the export',
			itemIndex: 0,
		});
		expect(failureOf(result).description).toContain('Tried 4 times');
		const lines = requestLines(aluma.fake, before);
		expect(lines[0]).toBe(`POST /tasks/${id}/client_actions/export/start`);
		expect(lines.slice(1, 5)).toEqual(Array(4).fill(lines[1]));
		expect(lines.slice(5)).toEqual([`POST /tasks/${id}/client_actions/export/cancel`]);
		expect(taskState(aluma.fake, id)).toEqual({ state: 'pending:start_client_action', client_action: 'export' });

		const again = await aluma.run({ parameters: exportOp('exportTask', { taskId: id, completeNow: true }) });
		expect(expectSuccess(again)[0].json.completed).toBe(true);
		expect(taskState(aluma.fake, id).state).toBe('completed');
	});

	it('fetches only the files of the specification, never its HAL links (self, and the POST-only complete/cancel/fail)', async () => {
		const id = await exportableTask();
		const before = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: exportOp('exportTask', { taskId: id, completeNow: true }) });

		const [item] = expectSuccess(result);
		expect((item.json.specification as IDataObject)._links).toMatchObject({ complete: { method: 'POST' } });
		const lines = requestLines(aluma.fake, before);
		expect(lines.filter((line) => line.startsWith('GET '))).toHaveLength(3);
		expect(lines.filter((line) => line.startsWith('GET ')).every((line) => /^GET \/tasks\/[^/]+\/files\//.test(line))).toBe(true);
		expect(lines.at(-1)).toBe(`POST /tasks/${id}/client_actions/export/complete`);
		expect(taskState(aluma.fake, id).state).toBe('completed');
	});

	it('hands the task back when "Complete Right Away" fails, and says so', async () => {
		const id = await exportableTask();
		aluma.fake.injectFault({ kind: 'status', status: 500, path: '/export/complete$', times: 4 });

		const result = await aluma.run({ parameters: exportOp('exportTask', { taskId: id, completeNow: true }) });

		expect(failureOf(result).message).toBe('Aluma had a server error (HTTP 500) when trying to complete the export of the task');
		expect(failureOf(result).description).toContain(`The export of task ${id} was handed back (canceled)`);
		expect(taskState(aluma.fake, id)).toEqual({ state: 'pending:start_client_action', client_action: 'export' });
	});

	it('Start hands the task back too when a download fails', async () => {
		const id = await exportableTask();
		aluma.fake.injectFault({ kind: 'status', status: 500, path: '/files/', times: 4 });

		const result = await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'export' }) });

		expect(failureOf(result).description).toContain(`The export of task ${id} was handed back (canceled)`);
		expect(taskState(aluma.fake, id)).toEqual({ state: 'pending:start_client_action', client_action: 'export' });
	});

	it('explains a task that is not waiting for export, and starts nothing', async () => {
		const [id] = await waitingTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

		const result = await aluma.run({ parameters: exportOp('exportTask', { taskId: id, completeNow: true }) });

		expect(failureOf(result)).toMatchObject({ name: 'NodeApiError', message: `Aluma did not accept "start" for the export of task ${id}`, httpCode: '422' });
		expect(taskState(aluma.fake, id)).toEqual({ state: 'pending:start_client_action', client_action: 'validation' });
	});
});

describe('Complete', () => {
	it('completes a started export; Aluma then finishes the task', async () => {
		const id = await startedExport();

		const result = await aluma.run({ parameters: exportOp('complete', { taskId: id, clientAction: 'export' }) });

		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ taskId: id, clientAction: 'export', completed: true, id, state: 'completed', client_action: null }),
		]);
		expect(taskState(aluma.fake, id).state).toBe('completed');
	});

	it("sends a validation's results, which the export then carries", async () => {
		const [id] = await waitingTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);
		expectSuccess(await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'validation', downloadFiles: false }) }));
		const corrections = { documents: [{ document_type: 'Letter', fields: { 'Invoice Number': 'INV-FIXED' } }] };

		const completed = await aluma.run({
			parameters: exportOp('complete', { taskId: id, clientAction: 'validation', validationResultsInput: 'json', validationResultsJson: JSON.stringify(corrections) }),
		});
		expect(jsonOf(completed)[0]).toMatchObject({ completed: true, state: 'pending:start_client_action', client_action: 'export' });

		const exported = await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'export', downloadFiles: false }) });
		expect((jsonOf(exported)[0].specification as { documents: IDataObject[] }).documents[0]).toMatchObject({
			document_type: 'Letter',
			fields: expect.objectContaining({ 'Invoice Number': 'INV-FIXED' }),
		});
	});

	it('refuses Validation Results that are not a JSON object, before any request', async () => {
		const [id] = await waitingTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);
		expectSuccess(await aluma.run({ parameters: exportOp('start', { taskId: id, clientAction: 'validation', downloadFiles: false }) }));
		const before = aluma.fake.requests().length;

		const result = await aluma.run({
			parameters: exportOp('complete', { taskId: id, clientAction: 'validation', validationResultsInput: 'json', validationResultsJson: '[1, 2]' }),
		});

		expect(failureOf(result)).toMatchObject({
			name: 'NodeOperationError',
			message: 'The parameter "Validation Results (JSON)" is not a JSON object',
			itemIndex: 0,
		});
		expect(requestLines(aluma.fake, before)).toEqual([]);
		expect(taskState(aluma.fake, id).state).toBe('pending:complete_client_action');
	});

	it('explains that only a started action can be completed', async () => {
		const id = await exportableTask();

		const result = await aluma.run({ parameters: exportOp('complete', { taskId: id, clientAction: 'export' }) });

		expect(failureOf(result)).toMatchObject({ name: 'NodeApiError', message: `Aluma did not accept "complete" for the export of task ${id}`, httpCode: '422' });
		expect(failureOf(result).description).toContain(
			'The task must be in the middle of its export: started and not yet completed, canceled or failed (state pending:complete_client_action, client action "export")',
		);
		expect(taskState(aluma.fake, id).state).toBe('pending:start_client_action');
	});
});

describe('Cancel', () => {
	it('hands a started export back, so the task waits to be exported again', async () => {
		const id = await startedExport();

		const result = await aluma.run({ parameters: exportOp('cancel', { taskId: id, clientAction: 'export' }) });

		expect(jsonOf(result)[0]).toMatchObject({ taskId: id, clientAction: 'export', canceled: true, state: 'pending:start_client_action', client_action: 'export' });
		expect(taskState(aluma.fake, id)).toEqual({ state: 'pending:start_client_action', client_action: 'export' });
	});

	it('explains that only a started action can be canceled', async () => {
		const id = await exportableTask();

		const result = await aluma.run({ parameters: exportOp('cancel', { taskId: id, clientAction: 'export' }) });

		expect(failureOf(result)).toMatchObject({ name: 'NodeApiError', message: `Aluma did not accept "cancel" for the export of task ${id}`, httpCode: '422' });
		expect(failureOf(result).description).toContain('started and not yet completed, canceled or failed');
	});
});

describe('Fail', () => {
	it('fails a started export with the message, and the task ends as failed', async () => {
		const id = await startedExport();

		const result = await aluma.run({
			parameters: exportOp('fail', { taskId: id, clientAction: 'export', message: 'The ERP refused supplier 4711 & its VAT id' }),
		});

		expect(jsonOf(result)[0]).toMatchObject({ taskId: id, clientAction: 'export', failed: true, state: 'failed', client_action: null });
		expect(taskRecord(aluma.fake, id)).toMatchObject({ state: 'failed', failureMessage: 'The ERP refused supplier 4711 & its VAT id' });
		const [fail] = aluma.fake.requests().filter((entry) => entry.route.endsWith('/fail'));
		expect(fail).toMatchObject({ contentType: 'application/json', status: 200 });
	});

	it('refuses an empty message before any request', async () => {
		const id = await startedExport();
		const before = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: exportOp('fail', { taskId: id, clientAction: 'export', message: '={{ $json.reason ?? "" }}' }) });

		expect(failureOf(result)).toMatchObject({ name: 'NodeOperationError', message: 'The parameter "Message" is empty' });
		expect(requestLines(aluma.fake, before)).toEqual([]);
	});

	it('explains that only a started action can be failed', async () => {
		const id = await exportableTask();

		const result = await aluma.run({ parameters: exportOp('fail', { taskId: id, clientAction: 'export', message: 'no' }) });

		expect(failureOf(result)).toMatchObject({ name: 'NodeApiError', message: `Aluma did not accept "fail" for the export of task ${id}`, httpCode: '422' });
		expect(taskState(aluma.fake, id).state).toBe('pending:start_client_action');
	});
});
