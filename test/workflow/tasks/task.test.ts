/**
 * Task → Create, Get and Get Many in n8n's engine against the fake Aluma server, whose tasks
 * follow Aluma's state machine (moved on here with `advanceTask`, so nothing changes by itself).
 * Wait for Task has its own file (wait.test.ts).
 *
 * Run: npx jest test/workflow/tasks/task.test.ts
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { failureOf, fileItem, fixture, jsonOf, useFakeAluma } from '../support/aluma';
import { bytesItem, createTasks, fromList, params, projectById, requestLines, taskRecord, uploadProject } from '../support-tasks/aluma-tasks';
import { listSearch } from '../support-tasks/n8n';

const HOUR = 3_600_000;
const aluma = useFakeAluma({ taskQueuedMs: HOUR, taskRunningMs: HOUR });

const task = (operation: string, parameters = {}) => params('task', operation, parameters);
const SEEDED_PROJECT = 'invoices-project-seed1';

describe('Create', () => {
	it.each(['memory', 'filesystem'] as const)('sends the file to the project and returns the queued task (%s binary mode)', async (binaryMode) => {
		const result = await aluma.run({
			parameters: task('create', { project: projectById(SEEDED_PROJECT) }),
			items: [fileItem('invoice.pdf')],
			binaryMode,
		});

		const [json] = jsonOf(result);
		expect(json).toEqual({
			id: expect.any(String),
			name: 'invoice.pdf',
			file_collection_id: expect.any(String),
			project_id: SEEDED_PROJECT,
			project_name: 'Invoices',
			created_at: expect.any(String),
			documents_count: 0,
			state: 'queued',
			client_action: null,
		});
		const [create] = aluma.fake.requests().filter((entry) => entry.route === 'POST /tasks');
		expect(create).toMatchObject({
			query: { project_id: SEEDED_PROJECT },
			contentType: 'application/pdf',
			bodyBytes: fixture('invoice.pdf').length,
			status: 201,
		});
		// Without tags, the file name of the binary data is sent as the file_name tag.
		expect(taskRecord(aluma.fake, String(json.id)).tags).toEqual({ file_name: 'invoice.pdf' });
	});

	it('sends the tags so Aluma reads back exactly what was entered, even with &, =, +, line breaks and non-ASCII text', async () => {
		const tags = {
			taskName: 'Order A&B = 50% + tax\nsecond line · Müller 請求書',
			fileName: 'rëçeipt #1&2.pdf',
			filePath: 'C:\\inbox\\a=b&c',
			fileCreatedTime: '2026-11-28T09:30:00Z',
		};

		const result = await aluma.run({
			parameters: task('create', { project: projectById(SEEDED_PROJECT), tags }),
			items: [fileItem('invoice.pdf')],
		});

		const [json] = jsonOf(result);
		expect(json.name).toBe(tags.taskName);
		expect(taskRecord(aluma.fake, String(json.id)).tags).toEqual({
			task_name: tags.taskName,
			file_name: tags.fileName,
			file_path: tags.filePath,
			file_created_time: '1795858200',
		});
	});

	it('takes the tags from expressions, per item', async () => {
		const result = await aluma.run({
			parameters: task('create', {
				project: projectById('={{ $json.project }}'),
				tags: { taskName: '={{ "record-" + $json.record }}' },
			}),
			items: [
				fileItem('invoice.pdf', { json: { project: SEEDED_PROJECT, record: 17 } }),
				fileItem('letter.pdf', { json: { project: SEEDED_PROJECT, record: 18 } }),
			],
		});

		expect(jsonOf(result).map((json) => json.name)).toEqual(['record-17', 'record-18']);
		expect(jsonOf(result).map((json) => taskRecord(aluma.fake, String(json.id)).tags)).toEqual([
			{ task_name: 'record-17', file_name: 'invoice.pdf' },
			{ task_name: 'record-18', file_name: 'letter.pdf' },
		]);
	});

	it('fails with a NodeApiError that says the project does not exist', async () => {
		const result = await aluma.run({
			parameters: task('create', { project: projectById('no-such-project') }),
			items: [fileItem('invoice.pdf')],
		});

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({ message: 'No Aluma project has the ID "no-such-project" (parameter "Project")', httpCode: '404' });
		expect(failureOf(result).description).toContain("Aluma said: There is no project with id 'no-such-project'");
		expect(aluma.fake.state.tasks.size).toBe(0);
	});

	it('refuses an empty file before any request', async () => {
		const result = await aluma.run({
			parameters: task('create', { project: projectById(SEEDED_PROJECT) }),
			items: [bytesItem(Buffer.alloc(0), 'empty.pdf', 'application/pdf')],
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toMatchObject({
			message: 'The file in binary property "data" of item 0 is empty (parameter "Input Binary Field")',
			description: 'Aluma cannot process an empty file. Check the node that produced the file',
		});
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('refuses a File Created Time that is not a date, before any request', async () => {
		const result = await aluma.run({
			parameters: task('create', { project: projectById(SEEDED_PROJECT), tags: { fileCreatedTime: '={{ "last tuesday" }}' } }),
			items: [fileItem('invoice.pdf')],
		});

		expect(failureOf(result)).toMatchObject({
			name: 'NodeOperationError',
			message: 'The tag "File Created Time" is not a valid date',
			itemIndex: 0,
		});
		expect(aluma.fake.requests()).toEqual([]);
	});
});

describe('Get', () => {
	it('returns the task in its current state', async () => {
		const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);
		const get = () => aluma.run({ parameters: task('get', { taskId: '={{ $json.id }}' }), items: [{ json: { id } }] });

		expect(jsonOf(await get())[0]).toMatchObject({ id, state: 'queued', client_action: null });
		aluma.fake.advanceTask(id, 'pending:start_client_action');
		expect(jsonOf(await get())[0]).toMatchObject({ id, state: 'pending:start_client_action', client_action: 'validation', documents_count: 1 });
		aluma.fake.advanceTask(id, 'canceled');
		expect(jsonOf(await get())[0]).toMatchObject({ id, state: 'canceled', client_action: null });
	});

	it('fails with a NodeApiError for a task that does not exist', async () => {
		const result = await aluma.run({ parameters: task('get', { taskId: 'no-such-task' }) });

		expect(failureOf(result)).toMatchObject({
			name: 'NodeApiError',
			message: 'No Aluma task has the ID "no-such-task" (parameter "Task ID")',
			httpCode: '404',
		});
	});

	it('reads Task ID picked from the list or typed By ID (node version 1.1), as the plain text of version 1', async () => {
		const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

		for (const taskId of [fromList(id), { __rl: true, mode: 'id', value: id }]) {
			expect(jsonOf(await aluma.run({ parameters: task('get', { taskId }), typeVersion: 1.1 }))[0]).toMatchObject({ id, state: 'queued' });
		}
		expect(jsonOf(await aluma.run({ parameters: task('get', { taskId: id }), typeVersion: 1 }))[0]).toMatchObject({ id, state: 'queued' });
	});

	// An empty picker with no expression never runs: n8n reports the required parameter first.
	it('refuses a Task ID picker (version 1.1) an expression left empty, and an unsafe ID, before any request', async () => {
		const byExpression = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
		const empty = await aluma.run({ parameters: task('get', { taskId: byExpression }), items: [{ json: {} }], typeVersion: 1.1 });
		expect(failureOf(empty)).toMatchObject({ name: 'NodeOperationError', message: 'The parameter "Task ID" is empty', itemIndex: 0 });
		const unsafe = await aluma.run({ parameters: task('get', { taskId: { __rl: true, mode: 'id', value: '../documents' } }), typeVersion: 1.1 });
		expect(failureOf(unsafe)).toMatchObject({ name: 'NodeOperationError', message: expect.stringContaining('(parameter "Task ID")') });
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('refuses a Task ID an expression left empty, before any request', async () => {
		const result = await aluma.run({ parameters: task('get', { taskId: '={{ $json.id }}' }), items: [{ json: {} }] });

		expect(failureOf(result)).toMatchObject({ name: 'NodeOperationError', message: 'The parameter "Task ID" is empty', itemIndex: 0 });
		expect(aluma.fake.requests()).toEqual([]);
	});
});

describe('searchTasks (the Task ID picker)', () => {
	it('lists recent tasks newest first, named by file, state and creation time, with their IDs as values', async () => {
		const [first, second] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf', 'letter.pdf']);
		aluma.fake.advanceTask(first, 'pending:start_client_action');
		const before = aluma.fake.requests().length;

		const { results } = await listSearch('searchTasks', { store: aluma.store, parameters: task('get'), path: 'parameters.taskId' });

		expect(results).toEqual([
			{ name: expect.stringMatching(/^letter\.pdf · Queued · \d{4}-/), value: second },
			{ name: expect.stringMatching(/^invoice\.pdf · Ready for Export or Validation · \d{4}-/), value: first },
		]);
		expect(requestLines(aluma.fake, before)).toEqual(['GET /tasks']);
	});

	it('finds tasks by part of their name or state, or by their exact ID, and shows at most 50', async () => {
		const [first] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf', 'letter.pdf']);

		expect((await listSearch('searchTasks', { store: aluma.store, filter: 'LETTER' })).results.map((entry) => entry.name)).toEqual([expect.stringContaining('letter.pdf')]);
		expect((await listSearch('searchTasks', { store: aluma.store, filter: 'queued' })).results).toHaveLength(2);
		expect((await listSearch('searchTasks', { store: aluma.store, filter: first })).results.map((entry) => entry.value)).toEqual([first]);

		await createTasks(aluma, SEEDED_PROJECT, Array.from({ length: 50 }, () => 'letter.pdf'));
		expect((await listSearch('searchTasks', { store: aluma.store })).results).toHaveLength(50);
	});

	it('offers an empty list, not an error, when Aluma does not list tasks (By ID still works)', async () => {
		aluma.fake.injectFault({ kind: 'status', status: 404, path: '^/tasks$' });

		expect(await listSearch('searchTasks', { store: aluma.store })).toEqual({ results: [] });
	});
});

describe('Get Many', () => {
	/** Four tasks in two projects: validation pending, export pending, completed, queued. */
	async function fourTasks(): Promise<{ receipts: string; ids: string[] }> {
		const receipts = await uploadProject(aluma);
		const [validation] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);
		const [exportable, completed, queued] = await createTasks(aluma, receipts, ['letter.pdf', 'purchase-order.pdf', 'notes.txt']);
		aluma.fake.advanceTask(validation, 'pending:start_client_action');
		aluma.fake.advanceTask(exportable, 'pending:start_client_action');
		aluma.fake.advanceTask(completed, 'completed');
		return { receipts, ids: [validation, exportable, completed, queued] };
	}

	const getMany = (parameters: object) => aluma.run({ parameters: task('getAll', { returnAll: true, ...parameters }) });

	it('returns every task, oldest first', async () => {
		const { ids } = await fourTasks();

		const result = await getMany({});

		expect(jsonOf(result).map((json) => [json.id, json.state, json.client_action])).toEqual([
			[ids[0], 'pending:start_client_action', 'validation'],
			[ids[1], 'pending:start_client_action', 'export'],
			[ids[2], 'completed', null],
			[ids[3], 'queued', null],
		]);
	});

	it('filters by state, by client action and by project, and sends the filters to Aluma', async () => {
		const { receipts, ids } = await fourTasks();
		const before = aluma.fake.requests().length;

		const byState = await getMany({ filters: { state: 'pending:start_client_action' } });
		const byAction = await getMany({ filters: { clientAction: 'export' } });
		const byProject = await getMany({ filters: { projectId: receipts } });
		const all = await getMany({ filters: { state: 'pending:start_client_action', clientAction: 'validation', projectId: SEEDED_PROJECT } });

		expect(jsonOf(byState).map((json) => json.id)).toEqual([ids[0], ids[1]]);
		expect(jsonOf(byAction).map((json) => json.id)).toEqual([ids[1]]);
		expect(jsonOf(byProject).map((json) => json.id)).toEqual([ids[1], ids[2], ids[3]]);
		expect(jsonOf(all).map((json) => json.id)).toEqual([ids[0]]);
		expect(aluma.fake.requests().slice(before).map((entry) => entry.query)).toEqual([
			{ state: 'pending:start_client_action' },
			{ client_action: 'export' },
			{ project_id: receipts },
			{ state: 'pending:start_client_action', client_action: 'validation', project_id: SEEDED_PROJECT },
		]);
	});

	it('returns at most Limit tasks, the oldest, unless Return All', async () => {
		const { ids } = await fourTasks();

		const limited = await aluma.run({ parameters: task('getAll', { returnAll: false, limit: 2 }) });

		expect(jsonOf(limited).map((json) => json.id)).toEqual(ids.slice(0, 2));
		expect(requestLines(aluma.fake).at(-1)).toBe('GET /tasks');
	});

	it('returns no items when no task matches', async () => {
		await fourTasks();

		const result = await getMany({ filters: { state: 'failed' } });

		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([]);
	});
});
