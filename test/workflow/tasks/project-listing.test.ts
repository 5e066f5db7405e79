/**
 * An Aluma account that does not list projects (the fake's `projectListStatus` switch, set through
 * its admin route as the e2e suite would): Get Many and the project picker say so plainly, and
 * every place that asks for a project still works by ID alone.
 *
 * Run: npx jest test/workflow/tasks/project-listing.test.ts
 */
import { expectSuccess, failureOf, fileItem, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { params, projectById, requestLines } from '../../support/tasks';
import { listSearch } from '../../support/n8nContexts';
import { call } from '../../support/fakeCall';

const aluma = useFakeAluma();

const SEEDED = 'invoices-project-seed1';

/** Turns listing off as an admin would, over HTTP. */
async function listingAnswers(status: 404 | 405): Promise<void> {
	const reply = await call(aluma.fake.url, 'POST', '/__admin/config', {
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ projectListStatus: status }),
	});
	expect(reply.status).toBe(200);
}

describe.each([404, 405] as const)('GET /projects answers %s', (status) => {
	beforeEach(async () => await listingAnswers(status));

	it('Get Many fails with the plain message and how to enter the ID', async () => {
		const failure = failureOf(await aluma.run({ parameters: params('project', 'getAll', { returnAll: true }) }));

		expect(failure).toMatchObject({ name: 'NodeApiError', message: 'This Aluma account does not list projects', httpCode: String(status), itemIndex: 0 });
		expect(failure.description).toContain('choose "By ID"');
	});

	it('the project picker fails with the same plain message', async () => {
		await expect(listSearch('searchProjects', { store: aluma.store })).rejects.toMatchObject({
			message: 'This Aluma account does not list projects',
			httpCode: String(status),
		});
	});

	it('Task → Create, Project → Get and Task → Get Many work by ID alone', async () => {
		const created = await aluma.run({
			parameters: params('task', 'create', { project: projectById(SEEDED), tags: {} }),
			items: [fileItem('invoice.pdf')],
		});
		const [task] = expectSuccess(created);
		expect(task.json).toMatchObject({ project_id: SEEDED, state: 'queued' });

		expect(expectSuccess(await aluma.run({ parameters: params('project', 'get', { project: projectById(SEEDED) }) }))[0].json).toMatchObject({ id: SEEDED });
		const tasks = expectSuccess(await aluma.run({ parameters: params('task', 'getAll', { returnAll: true, filters: { projectId: SEEDED } }) }));
		expect(tasks.map((item) => item.json.id)).toEqual([task.json.id]);
		expect(requestLines(aluma.fake).filter((line) => line === 'GET /projects')).toEqual([]);
	});
});
