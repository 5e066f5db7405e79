/**
 * Contract of the Export resource with Aluma's client actions (paths INFERRED in
 * routes.ts): the exact start and fail requests (the complete and cancel bodies are in
 * client-action-bodies.test.ts), which files of a specification are downloaded (only from the
 * Aluma host, with the token), and how wrong-state answers are explained. nock answers; the
 * network is closed.
 *
 * Run: npx jest test/contract/tasks/client-actions.test.ts
 */
import { BASE_URL, expectSuccess, failureOf, nock, problem, useContract } from '../../support/contractRecorder';

const contract = useContract();

const TASK = 'SWdh86taQhKwwpY0HUKD7Q';
const ACTIONS = `/tasks/${TASK}/client_actions`;
const pdfBytes = Buffer.from('%PDF-1.7 searchable', 'latin1');
const csvBytes = Buffer.from('invoice,total\nINV-1,12.00\n', 'utf8');

const exportOp = (operation: string, parameters = {}) => ({ resource: 'export', operation, taskId: TASK, clientAction: 'export', ...parameters });
const taskAfter = (state: string) => ({ id: TASK, state, client_action: state.startsWith('pending:') ? 'export' : null });

/** An export specification whose files live on the Aluma host (relative and absolute) and elsewhere. */
const specification = {
	task_id: TASK,
	action: 'export',
	documents: [
		{
			document_type: 'Invoice',
			fields: { total: '12.00' },
			files: [
				{ name: 'invoice.pdf', content_type: 'application/pdf', href: `/tasks/${TASK}/files/f1` },
				{ href: `${BASE_URL}/tasks/${TASK}/files/f2?format=csv` },
			],
		},
	],
	extra: { name: 'invoice.xml', href: 'https://files.example.com/exports/invoice.xml' },
	// HAL links of the specification itself: never files, and the action links are POST-only.
	_links: {
		self: { href: `/tasks/${TASK}` },
		complete: { href: `${ACTIONS}/export/complete`, method: 'POST' },
		cancel: { href: `${ACTIONS}/export/cancel`, method: 'POST' },
		fail: { href: `${ACTIONS}/export/fail`, method: 'POST' },
	},
};

describe('Start', () => {
	it('sends POST …/export/start without a body and downloads the files on the Aluma host with the token', async () => {
		contract.aluma().post(`${ACTIONS}/export/start`).reply(contract.reply(200, specification));
		contract.aluma().get(`/tasks/${TASK}/files/f1`).reply(contract.reply(200, pdfBytes, { 'content-type': 'application/octet-stream' }));
		contract.aluma().get(`/tasks/${TASK}/files/f2`).query({ format: 'csv' }).reply(contract.reply(200, csvBytes, { 'content-type': 'text/csv; charset=utf-8' }));

		const result = await contract.run(exportOp('start'));

		const [item] = result.outputs[0];
		expect(item.json).toEqual({
			taskId: TASK,
			specification,
			files: [
				{ href: `/tasks/${TASK}/files/f1`, binaryProperty: 'file_1', fileName: 'invoice.pdf' },
				{ href: `${BASE_URL}/tasks/${TASK}/files/f2?format=csv`, binaryProperty: 'file_2', fileName: 'f2' },
				{ href: 'https://files.example.com/exports/invoice.xml', downloaded: false, reason: 'not on the Aluma host' },
			],
		});
		expect(item.binary).toMatchObject({ file_1: { mimeType: 'application/pdf', fileName: 'invoice.pdf' }, file_2: { mimeType: 'text/csv', fileName: 'f2' } });
		expect(await result.binary(item, 'file_1')).toEqual(pdfBytes);
		expect(await result.binary(item, 'file_2')).toEqual(csvBytes);
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST ${ACTIONS}/export/start`,
			`GET /tasks/${TASK}/files/f1`,
			`GET /tasks/${TASK}/files/f2?format=csv`,
		]);
		expect(contract.seen[0].body).toHaveLength(0);
	});

	it('accepts an empty answer as an empty specification', async () => {
		contract.aluma().post(`${ACTIONS}/validation/start`).reply(contract.reply(200));

		expect(expectSuccess(await contract.run(exportOp('start', { clientAction: 'validation' })))).toEqual([{ taskId: TASK, specification: {}, files: [] }]);
	});

	it('is not resent after a gateway error, since Aluma may have started the action', async () => {
		contract.aluma().post(`${ACTIONS}/export/start`).reply(contract.reply(502, 'Bad Gateway'));

		expect(failureOf(await contract.run(exportOp('start')))).toMatchObject({ name: 'NodeApiError', httpCode: '502' });
		expect(contract.seen).toHaveLength(1);
	});

	it.each([
		[409, { message: 'The task is not waiting for export.' }, 'Aluma said: The task is not waiting for export. '],
		[400, {}, ''],
		[422, problem(422, 'invalid-task-state', 'Wrong state', "Task 'x' is running."), "Aluma said: Task 'x' is running. "],
	])('explains a %s answer with the state the task must be in', async (status, body, said) => {
		contract.aluma().post(`${ACTIONS}/export/start`).reply(contract.reply(status, body));

		expect(failureOf(await contract.run(exportOp('start')))).toEqual({
			name: 'NodeApiError',
			message: `Aluma did not accept "start" for the export of task ${TASK}`,
			description:
				`${said}The task must be waiting for its export to be started (state pending:start_client_action, client action "export"). ` +
				'Check it with Task → Get; a started export that is not completed within 30 minutes goes back to waiting',
			httpCode: String(status),
			itemIndex: 0,
		});
	});
});

describe('Export Task', () => {
	it('starts, downloads, then completes with no body at all when Complete Right Away is on', async () => {
		contract.aluma().post(`${ACTIONS}/export/start`).reply(contract.reply(200, { documents: [{ files: [{ name: 'a.pdf', href: `/tasks/${TASK}/files/f1` }] }] }));
		contract.aluma().get(`/tasks/${TASK}/files/f1`).reply(contract.reply(200, pdfBytes, { 'content-type': 'application/pdf' }));
		contract.aluma().post(`${ACTIONS}/export/complete`).reply(contract.reply(200, taskAfter('completed')));

		const result = await contract.run(exportOp('exportTask', { completeNow: true }));

		expect(expectSuccess(result)[0]).toMatchObject({ taskId: TASK, completed: true });
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST ${ACTIONS}/export/start`,
			`GET /tasks/${TASK}/files/f1`,
			`POST ${ACTIONS}/export/complete`,
		]);
		expect(contract.seen[2].headers['content-type']).toBeUndefined();
		expect(contract.seen[2].body).toHaveLength(0);
	});

	it('sends Cancel when a file cannot be downloaded, and reports the download error', async () => {
		contract.aluma().post(`${ACTIONS}/export/start`).reply(contract.reply(200, { documents: [{ files: [{ name: 'a.pdf', href: `/tasks/${TASK}/files/gone` }] }] }));
		contract.aluma().get(`/tasks/${TASK}/files/gone`).reply(contract.reply(404, problem(404, 'file-not-found', 'File not found', 'The file is gone.')));
		contract.aluma().post(`${ACTIONS}/export/cancel`).reply(contract.reply(200, taskAfter('pending:start_client_action')));

		const failure = failureOf(await contract.run(exportOp('exportTask', { completeNow: true })));

		expect(failure).toMatchObject({ name: 'NodeApiError', message: 'Aluma could not find what was asked for when trying to download a file of the export' });
		expect(failure.description).toContain(`The export of task ${TASK} was handed back (canceled)`);
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual([
			`POST ${ACTIONS}/export/start`,
			`GET /tasks/${TASK}/files/gone`,
			`POST ${ACTIONS}/export/cancel`,
		]);
		expect(contract.seen[2].body).toHaveLength(0);
	});

	it('still reports the download error when the Cancel fails too', async () => {
		contract.aluma().post(`${ACTIONS}/export/start`).reply(contract.reply(200, { documents: [{ files: [{ href: `/tasks/${TASK}/files/f1` }] }] }));
		contract.aluma().get(`/tasks/${TASK}/files/f1`).reply(contract.reply(404, {}));
		contract.aluma().post(`${ACTIONS}/export/cancel`).reply(contract.reply(422, problem(422, 'invalid-task-state', 'Wrong state', 'Already canceled.')));

		const result = await contract.run(exportOp('exportTask'));

		expect(failureOf(result).message).toBe('Aluma could not find what was asked for when trying to download a file of the export');
		expect(result.logs.some((entry) => entry.level === 'warn' && entry.message.includes(`could not cancel the export of task ${TASK}`))).toBe(true);
	});
});

describe('Fail', () => {
	it('sends POST …/fail with {"message": …}', async () => {
		contract.aluma().post(`${ACTIONS}/export/fail`, { message: 'ERP refused the invoice: "duplicate"' }).reply(contract.reply(200, taskAfter('running')));

		const result = await contract.run(exportOp('fail', { message: 'ERP refused the invoice: "duplicate"' }));

		expect(expectSuccess(result)).toEqual([{ taskId: TASK, clientAction: 'export', failed: true, ...taskAfter('running') }]);
	});

	it('explains that fail needs a started action', async () => {
		contract.aluma().post(`${ACTIONS}/export/fail`).reply(contract.reply(409, {}));

		expect(failureOf(await contract.run(exportOp('fail', { message: 'x' }))).description).toBe(
			'The task must be in the middle of its export: started and not yet completed, canceled or failed (state pending:complete_client_action, client action "export"). ' +
				'Check it with Task → Get; a started export that is not completed within 30 minutes goes back to waiting',
		);
	});
});

describe('Downloads', () => {
	it('never sends the token to another host, even when the specification points there', async () => {
		contract.aluma().post(`${ACTIONS}/export/start`).reply(contract.reply(200, { files: [{ href: 'https://evil.example.com/steal' }, { href: '//evil.example.com/x' }] }));
		const elsewhere = nock('https://evil.example.com').get(/.*/).reply(200, 'x');

		const result = await contract.run(exportOp('start'));

		expect(expectSuccess(result)[0].files).toEqual([
			{ href: 'https://evil.example.com/steal', downloaded: false, reason: 'not on the Aluma host' },
			{ href: '//evil.example.com/x', downloaded: false, reason: 'not on the Aluma host' },
		]);
		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll(); // the other host's interceptor was never meant to be used

	});
});
