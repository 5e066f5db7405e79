/**
 * Contract of projects read strictly: Aluma's material names only "Upload Project", so listing
 * (GET /projects, INFERRED) may not exist. When it answers 404 or 405, the project picker and
 * Project → Get Many say plainly that the account does not list projects and to enter the ID;
 * every place that asks for a project works by ID alone, with no listing request. nock answers
 * (an unexpected GET /projects fails the test); the network is closed.
 *
 * Run: npx jest test/contract/tasks/projects-by-id.test.ts
 */
import { PollerHost, listSearch } from '../../support/n8nContexts';
import { CREDENTIAL, expectSuccess, failureOf, fileItem, useContract } from '../../support/contractRecorder';

const contract = useContract();

const PROJECT = 'ZbfzIZorTFOV60GX58YUuQ';
const byId = { __rl: true, mode: 'id', value: PROJECT };
const PLAIN_MESSAGE = 'This Aluma account does not list projects';
const ENTER_THE_ID =
	'Enter the project ID instead: choose "By ID" in the Project parameter. The ID is the last part of the project\'s address in the Aluma app, e.g. https://app.aluma.io/project/ZbfzIZorTFOV60GX58YUuQ';

/** What Aluma might answer for a path it does not have, or a method it does not allow. */
const NO_LISTING = [
	[404, { message: 'No resource at /projects.' }, {}],
	[405, { message: 'Use POST on /projects.' }, { Allow: 'POST' }],
] as const;

describe('when GET /projects is not there', () => {
	it.each(NO_LISTING)('Get Many says plainly, for %s, that the account does not list projects', async (status, body, headers) => {
		contract.aluma().get('/projects').reply(contract.reply(status, body, headers));

		expect(failureOf(await contract.run({ resource: 'project', operation: 'getAll', returnAll: true }))).toEqual({
			name: 'NodeApiError',
			message: PLAIN_MESSAGE,
			description: ENTER_THE_ID,
			httpCode: String(status),
			itemIndex: 0,
		});
		expect(contract.seen).toHaveLength(1);
	});

	it.each(NO_LISTING)('the project picker says the same for %s, for the Aluma node and the trigger', async (status, body, headers) => {
		contract.aluma().get('/projects').twice().reply(contract.reply(status, body, headers));

		for (const nodeType of ['aluma', 'alumaTrigger'] as const) {
			const error = await listSearch('searchProjects', { store: contract.store, nodeType, credentials: { alumaApi: CREDENTIAL } }).catch((e: unknown) => e);
			expect(error).toMatchObject({ name: 'NodeApiError', message: PLAIN_MESSAGE, description: ENTER_THE_ID, httpCode: String(status) });
		}
	});

	it('keeps the usual explanation for other failures of the listing', async () => {
		contract.aluma().get('/projects').reply(contract.reply(403, { message: 'Forbidden' }));

		expect(failureOf(await contract.run({ resource: 'project', operation: 'getAll', returnAll: true }))).toMatchObject({
			message: 'Aluma refused to list the projects',
			httpCode: '403',
		});
	});
});

describe('a project given by ID alone', () => {
	it('Task → Create sends only POST /tasks?project_id=', async () => {
		contract.aluma().post('/tasks').query({ project_id: PROJECT }).reply(contract.reply(201, { id: 'task-1', state: 'queued', project_id: PROJECT }));

		const result = await contract.run({ resource: 'task', operation: 'create', project: byId, tags: {} }, [
			fileItem(Buffer.from('%PDF-1.4 by id', 'latin1'), 'a.pdf', 'application/pdf'),
		]);

		expect(expectSuccess(result)).toEqual([{ id: 'task-1', state: 'queued', project_id: PROJECT }]);
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual([`POST /tasks?project_id=${PROJECT}`]);
	});

	it('Project → Get and Delete send only their own request', async () => {
		contract.aluma().get(`/projects/${PROJECT}`).reply(contract.reply(200, { id: PROJECT, name: 'ACME' }));
		contract.aluma().delete(`/projects/${PROJECT}`).reply(contract.reply(204));

		expect(expectSuccess(await contract.run({ resource: 'project', operation: 'get', project: byId }))).toEqual([{ id: PROJECT, name: 'ACME' }]);
		expect(expectSuccess(await contract.run({ resource: 'project', operation: 'deleteProject', project: byId }))).toEqual([{ deleted: true, id: PROJECT }]);
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /projects/${PROJECT}`, `DELETE /projects/${PROJECT}`]);
	});

	it('Task → Get Many filters by the Project ID without listing projects', async () => {
		contract.aluma().get('/tasks').query({ project_id: PROJECT }).reply(contract.reply(200, { tasks: [{ id: 't1', project_id: PROJECT }] }));

		const result = await contract.run({ resource: 'task', operation: 'getAll', returnAll: true, filters: { projectId: PROJECT } });

		expect(expectSuccess(result)).toEqual([{ id: 't1', project_id: PROJECT }]);
	});

	it('the Aluma Trigger watches one project by its ID', async () => {
		contract.aluma().get('/tasks').query(true).reply(contract.reply(200, { tasks: [{ id: 't1', project_id: PROJECT, state: 'pending:start_client_action', client_action: 'validation' }] }));

		const trigger = new PollerHost(contract.store, { event: 'readyForValidation', project: byId, emitExisting: true }, { alumaApi: CREDENTIAL });
		const outcome = await trigger.activate();

		expect((outcome.emitted ?? []).map((item) => item.json.id)).toEqual(['t1']);
		expect(contract.seen.map((request) => request.path)).toEqual([`/tasks?state=pending%3Astart_client_action&client_action=validation&project_id=${PROJECT}`]);
	});
});
