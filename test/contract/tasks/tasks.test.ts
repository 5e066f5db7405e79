/**
 * Contract of the Project and Task resources with Aluma's Tasks API: the exact
 * requests (paths, query, X-Aluma-Tags header, bodies) and how answers are read, including
 * Wait for Task's polling. nock answers; the network is closed. Binary data in n8n's memory mode
 * (streamed uploads are proven against the fake server in test/workflow/tasks).
 *
 * Run: npx jest test/contract/tasks/tasks.test.ts
 */
import { expectSuccess, failureOf, fileItem, problem, useContract } from '../../support/contractRecorder';

const contract = useContract();

const PROJECT = 'ZbfzIZorTFOV60GX58YUuQ';
const TASK = 'SWdh86taQhKwwpY0HUKD7Q';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const pdf = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
/** A task object as List Tasks shows it ("Task object" in Aluma's docs). */
const taskObject = (state: string, clientAction: string | null = null) => ({
	id: TASK,
	name: '00001.pdf',
	file_collection_id: 'hZ7GkxSHSRmk9ibpio_yOQ',
	project_id: PROJECT,
	project_name: 'ACME Medical Records',
	created_at: '2024-03-25T16:37:08Z',
	documents_count: 5,
	state,
	client_action: clientAction,
});

describe('Project Get Many', () => {
	it('sends GET /projects and applies Limit to the list', async () => {
		const projects = [1, 2, 3].map((n) => ({ id: `p${n}`, name: `Project ${n}` }));
		contract.aluma().get('/projects').twice().reply(contract.reply(200, { projects }));

		expect(expectSuccess(await contract.run({ resource: 'project', operation: 'getAll', returnAll: true }))).toEqual(projects);
		expect(expectSuccess(await contract.run({ resource: 'project', operation: 'getAll', limit: 2 }))).toEqual(projects.slice(0, 2));
	});
});

describe('Project Get', () => {
	it('sends GET /projects/{id} with the ID taken from an Aluma app URL', async () => {
		contract.aluma().get(`/projects/${PROJECT}`).reply(contract.reply(200, { id: PROJECT, name: 'ACME' }));

		const result = await contract.run({
			resource: 'project',
			operation: 'get',
			project: { __rl: true, mode: 'url', value: `https://app.aluma.io/project/${PROJECT}` },
		});

		expect(expectSuccess(result)).toEqual([{ id: PROJECT, name: 'ACME' }]);
	});
});

describe('Project Upload', () => {
	it('sends the .alproj bytes to POST /projects as application/octet-stream', async () => {
		const alproj = Buffer.from('PK\u0003\u0004 project bytes', 'latin1');
		contract.aluma().post('/projects').reply(contract.reply(201, { id: 'new-project', name: 'Receipts' }));

		const result = await contract.run({ resource: 'project', operation: 'upload' }, [fileItem(alproj, 'receipts.alproj', 'application/x-zip')]);

		expect(expectSuccess(result)).toEqual([{ uploaded: true, fileName: 'receipts.alproj', id: 'new-project', name: 'Receipts' }]);
		expect(contract.seen[0].headers).toMatchObject({ 'content-type': 'application/octet-stream', 'content-length': String(alproj.length) });
		expect(contract.seen[0].body.equals(alproj)).toBe(true);
	});
});

describe('Project Delete', () => {
	it('sends DELETE /projects/{id}', async () => {
		contract.aluma().delete(`/projects/${PROJECT}`).reply(contract.reply(204));

		expect(expectSuccess(await contract.run({ resource: 'project', operation: 'deleteProject', project: byId(PROJECT) }))).toEqual([{ deleted: true, id: PROJECT }]);
	});
});

describe('Task Create', () => {
	it('sends the raw file to POST /tasks?project_id= with its MIME type, length and the encoded X-Aluma-Tags', async () => {
		contract.aluma().post('/tasks').query({ project_id: PROJECT }).reply(contract.reply(201, taskObject('queued')));

		const result = await contract.run(
			{
				resource: 'task',
				operation: 'create',
				project: byId(PROJECT),
				tags: {
					taskName: 'Order A&B = 50% + tax\nline 2 · Müller 請求書',
					fileName: 'rëçeipt #1.pdf',
					filePath: 'C:\\inbox\\a=b&c',
					fileCreatedTime: '2026-11-28T09:30:00Z',
				},
			},
			[fileItem(pdf, 'scan-0001.pdf', 'application/pdf')],
		);

		expect(expectSuccess(result)).toEqual([taskObject('queued')]);
		const [request] = contract.seen;
		expect(request.path).toBe(`/tasks?project_id=${PROJECT}`);
		expect(request.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
		expect(request.body.equals(pdf)).toBe(true);
		expect(request.headers['x-aluma-tags']).toBe(
			'task_name=Order%20A%26B%20%3D%2050%25%20%2B%20tax%0Aline%202%20%C2%B7%20M%C3%BCller%20%E8%AB%8B%E6%B1%82%E6%9B%B8' +
				'&file_name=r%C3%AB%C3%A7eipt%20%231.pdf' +
				'&file_path=C%3A%5Cinbox%5Ca%3Db%26c' +
				'&file_created_time=1795858200',
		);
		// Read as a query string (what the header is), every value comes back as entered.
		expect(Object.fromEntries(new URLSearchParams(request.headers['x-aluma-tags']))).toEqual({
			task_name: 'Order A&B = 50% + tax\nline 2 · Müller 請求書',
			file_name: 'rëçeipt #1.pdf',
			file_path: 'C:\\inbox\\a=b&c',
			file_created_time: '1795858200',
		});
	});

	it('sends only file_name, the binary file name, when no tag is set', async () => {
		contract.aluma().post('/tasks').query({ project_id: PROJECT }).reply(contract.reply(201, taskObject('queued')));

		expectSuccess(await contract.run({ resource: 'task', operation: 'create', project: byId(PROJECT) }, [fileItem(pdf, '00001.pdf', 'application/pdf')]));

		expect(contract.seen[0].headers['x-aluma-tags']).toBe('file_name=00001.pdf');
	});

	it('is not resent after a gateway error, since Aluma may have created the task', async () => {
		contract.aluma().post('/tasks').query({ project_id: PROJECT }).reply(contract.reply(504, 'Gateway Timeout'));

		const failure = failureOf(await contract.run({ resource: 'task', operation: 'create', project: byId(PROJECT) }, [fileItem(pdf, 'a.pdf', 'application/pdf')]));

		expect(failure).toMatchObject({ name: 'NodeApiError', httpCode: '504', message: 'Aluma had a server error (HTTP 504) when trying to create the task' });
		expect(contract.seen).toHaveLength(1);
	});

	it('reads the 404 problem for an unknown project', async () => {
		contract
			.aluma()
			.post('/tasks')
			.query({ project_id: 'nope' })
			.reply(contract.reply(404, problem(404, 'project-not-found', 'Project not found', "There is no project with id 'nope'."), { 'content-type': 'application/problem+json' }));

		const failure = failureOf(await contract.run({ resource: 'task', operation: 'create', project: byId('nope') }, [fileItem(pdf, 'a.pdf', 'application/pdf')]));

		expect(failure).toMatchObject({ name: 'NodeApiError', httpCode: '404', message: 'No Aluma project has the ID "nope" (parameter "Project")' });
		expect(failure.description).toContain("Aluma said: There is no project with id 'nope'");
	});
});

describe('Task Get', () => {
	it('sends GET /tasks/{id}', async () => {
		contract.aluma().get(`/tasks/${TASK}`).reply(contract.reply(200, taskObject('running')));

		expect(expectSuccess(await contract.run({ resource: 'task', operation: 'get', taskId: TASK }))).toEqual([taskObject('running')]);
	});
});

describe('Task Get Many', () => {
	it('sends the filters as query parameters', async () => {
		contract
			.aluma()
			.get('/tasks')
			.query({ state: 'pending:start_client_action', client_action: 'export', project_id: PROJECT })
			.reply(contract.reply(200, { tasks: [taskObject('pending:start_client_action', 'export')] }));

		const result = await contract.run({
			resource: 'task',
			operation: 'getAll',
			returnAll: true,
			filters: { state: 'pending:start_client_action', clientAction: 'export', projectId: PROJECT },
		});

		expect(expectSuccess(result)).toEqual([taskObject('pending:start_client_action', 'export')]);
		expect(contract.seen[0].path).toBe(`/tasks?state=pending%3Astart_client_action&client_action=export&project_id=${PROJECT}`);
	});

	it('applies the filters itself when Aluma ignores them (project_id is not a confirmed filter)', async () => {
		const other = { ...taskObject('pending:start_client_action', 'export'), id: 'other', project_id: 'other-project' };
		const validation = { ...taskObject('pending:start_client_action', 'validation'), id: 'validation' };
		contract
			.aluma()
			.get('/tasks')
			.query(true)
			.reply(contract.reply(200, { tasks: [taskObject('pending:start_client_action', 'export'), other, validation, taskObject('completed')] }));

		const result = await contract.run({ resource: 'task', operation: 'getAll', returnAll: true, filters: { clientAction: 'export', projectId: PROJECT } });

		expect(expectSuccess(result).map((task) => task.id)).toEqual([TASK]);
	});

	it('sends no query parameters without filters, and returns the first Limit tasks', async () => {
		contract
			.aluma()
			.get('/tasks')
			.reply(contract.reply(200, { tasks: ['a', 'b', 'c'].map((id) => ({ ...taskObject('queued'), id })) }));

		const result = await contract.run({ resource: 'task', operation: 'getAll', limit: 2 });

		expect(expectSuccess(result).map((task) => task.id)).toEqual(['a', 'b']);
		expect(contract.seen[0].path).toBe('/tasks');
	});
});

describe('Task Wait for Task', () => {
	it('sends GET /tasks/{id} until a chosen state, once per interval', async () => {
		contract.aluma().get(`/tasks/${TASK}`).reply(contract.reply(200, taskObject('queued')));
		contract.aluma().get(`/tasks/${TASK}`).reply(contract.reply(200, taskObject('running')));
		contract.aluma().get(`/tasks/${TASK}`).reply(contract.reply(200, taskObject('pending:start_client_action', 'export')));
		const started = Date.now();

		const result = await contract.run({ resource: 'task', operation: 'waitForTask', taskId: TASK, waitUntil: ['pending:start_client_action'], maxWait: 10, interval: 1 });

		expect(expectSuccess(result)).toEqual([{ ...taskObject('pending:start_client_action', 'export'), waitTimedOut: false, waitedSeconds: 2, polls: 3 }]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		expect(contract.seen).toHaveLength(3);
	});
});
