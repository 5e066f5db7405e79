/**
 * Project resource in n8n's engine against the fake Aluma server: Get Many, Get, Upload, Delete.
 *
 * Run: npx jest test/workflow/tasks/project.test.ts
 */
import { NodeApiError } from 'n8n-workflow';

import { failureOf, fileItem, fixture, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { bytesItem, fromList, params, projectById, requestLines, uploadProject } from '../../support/tasks';

const aluma = useFakeAluma();

const project = (operation: string, parameters = {}) => params('project', operation, parameters);
const SEEDED = { id: 'invoices-project-seed1', name: 'Invoices', created_at: '2026-01-05T09:30:00Z', client_actions: ['validation', 'export'] };

describe('Get Many', () => {
	it('returns every project with Return All', async () => {
		const receipts = await uploadProject(aluma);

		const result = await aluma.run({ parameters: project('getAll', { returnAll: true }) });

		expect(jsonOf(result)).toEqual([SEEDED, { id: receipts, name: 'Receipts', created_at: expect.any(String), client_actions: ['export'] }]);
	});

	it('returns at most Limit projects', async () => {
		await uploadProject(aluma);
		await uploadProject(aluma);

		const result = await aluma.run({ parameters: project('getAll', { returnAll: false, limit: 2 }) });

		expect(jsonOf(result).map((json) => json.name)).toEqual(['Invoices', 'Receipts']);
		expect(aluma.fake.state.projects.size).toBe(3);
	});
});

describe('Get', () => {
	it('returns the project chosen by ID, from the list or by its Aluma app URL', async () => {
		const receipts = await uploadProject(aluma);

		const byId = await aluma.run({ parameters: project('get', { project: projectById('invoices-project-seed1') }) });
		const listed = await aluma.run({ parameters: project('get', { project: fromList(receipts) }) });
		const byUrl = await aluma.run({
			parameters: project('get', { project: { __rl: true, mode: 'url', value: `https://app.aluma.io/project/${receipts}?tab=tasks` } }),
		});

		expect(jsonOf(byId)).toEqual([SEEDED]);
		expect(jsonOf(listed)[0]).toMatchObject({ id: receipts, name: 'Receipts' });
		expect(jsonOf(byUrl)[0]).toMatchObject({ id: receipts, name: 'Receipts' });
		expect(requestLines(aluma.fake).slice(1)).toEqual([
			'GET /projects/invoices-project-seed1',
			`GET /projects/${receipts}`,
			`GET /projects/${receipts}`,
		]);
	});

	it('fails with a NodeApiError that says the project does not exist', async () => {
		const result = await aluma.run({ parameters: project('get', { project: projectById('no-such-project') }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({ message: 'No Aluma project has the ID "no-such-project" (parameter "Project")', httpCode: '404' });
		expect(failureOf(result).description).toContain("Aluma said: There is no project with id 'no-such-project'");
	});
});

describe('Upload', () => {
	it.each(['memory', 'filesystem'] as const)('uploads an .alproj file and returns the new project (%s binary mode)', async (binaryMode) => {
		const bytes = fixture('receipts.alproj');

		const result = await aluma.run({
			parameters: project('upload'),
			items: [fileItem('receipts.alproj', { mimeType: 'application/octet-stream' })],
			binaryMode,
		});

		const [json] = jsonOf(result);
		expect(json).toEqual({
			uploaded: true,
			fileName: 'receipts.alproj',
			id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
			name: 'Receipts',
			created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
			client_actions: ['export'],
		});
		const [upload] = aluma.fake.requests().filter((entry) => entry.route === 'POST /projects');
		expect(upload).toMatchObject({ contentType: 'application/octet-stream', bodyBytes: bytes.length, status: 201 });
		expect(aluma.fake.state.projects.get(String(json.id))).toMatchObject({ name: 'Receipts', sourceBytes: bytes.length });
	});

	it("reports Aluma's 422 for a file that is not a project", async () => {
		const result = await aluma.run({ parameters: project('upload'), items: [fileItem('notes.txt')] });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma could not process the request to upload the project: The project definition needs a "name".',
			httpCode: '422',
		});
		expect(aluma.fake.state.projects.size).toBe(1);
	});

	it('refuses an empty file before any request', async () => {
		const result = await aluma.run({ parameters: project('upload'), items: [bytesItem(Buffer.alloc(0), 'empty.alproj', 'application/octet-stream')] });

		expect(failureOf(result)).toMatchObject({ name: 'NodeOperationError', message: 'The file in binary property "data" of item 0 is empty (parameter "Input Binary Field")' });
		expect(aluma.fake.requests()).toEqual([]);
	});
});

describe('Delete', () => {
	it('deletes the project, after which Get fails and Get Many no longer lists it', async () => {
		const receipts = await uploadProject(aluma);

		const deleted = await aluma.run({ parameters: project('deleteProject', { project: projectById(receipts) }) });
		expect(jsonOf(deleted)).toEqual([{ deleted: true, id: receipts }]);

		const listed = await aluma.run({ parameters: project('getAll', { returnAll: true }) });
		expect(jsonOf(listed)).toEqual([SEEDED]);
		const got = await aluma.run({ parameters: project('get', { project: projectById(receipts) }) });
		expect(failureOf(got).httpCode).toBe('404');
	});

	it('fails with a NodeApiError for a project that does not exist', async () => {
		const result = await aluma.run({ parameters: project('deleteProject', { project: projectById('gone') }) });

		expect(failureOf(result)).toMatchObject({
			name: 'NodeApiError',
			message: 'No Aluma project has the ID "gone" (parameter "Project")',
			httpCode: '404',
		});
	});
});
