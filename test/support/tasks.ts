/**
 * Helpers for the Classifier/Extractor/Module and Project/Task/Export workflow tests: parameters,
 * zips, projects and tasks made through the node's own operations, and the fake's task records.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { writeZip } from '../fake-aluma/zip';
import type { FakeAluma, FakeAlumaFixture, RequestLogEntry } from './fakeAlumaWorkflow';
import { expectSuccess, fileItem } from './fakeAlumaWorkflow';
import type { HarnessInputItem } from '../workflow/harness';

/** Parameters of `resource` → `operation`. */
export function params(resource: string, operation: string, parameters: INodeParameters = {}): INodeParameters {
	return { resource, operation, ...parameters };
}

/** A resource-locator value picked from the list. */
export function fromList(value: string): INodeParameters {
	return { __rl: true, mode: 'list', value };
}

/** A project locator typed by ID. */
export function projectById(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}

/** A zip of `files` (name → content), folders created for every path. */
export function zipOf(files: Record<string, string | Buffer>): Buffer {
	const folders = new Set<string>();
	for (const name of Object.keys(files)) {
		const parts = name.split('/');
		for (let i = 1; i < parts.length; i++) folders.add(`${parts.slice(0, i).join('/')}/`);
	}
	return writeZip([
		...[...folders].map((name) => ({ name })),
		...Object.entries(files).map(([name, data]) => ({ name, data, deflate: true })),
	]);
}

/** An input item carrying `buffer` in the binary property `data`. */
export function bytesItem(buffer: Buffer, fileName: string, mimeType: string, json: IDataObject = {}): HarnessInputItem {
	return { json, binary: { data: { buffer, fileName, mimeType } } };
}

/** Requests (token exchanges excluded) the fake received since `from`, as `METHOD path`. */
export function requestLines(fake: FakeAluma, from = 0): string[] {
	return fake
		.requests()
		.slice(from)
		.filter((entry: RequestLogEntry) => entry.path !== '/oauth/token')
		.map((entry: RequestLogEntry) => `${entry.method} ${entry.path}`);
}

/** Uploads a project file with the node's Project → Upload; returns the new project's id. */
export async function uploadProject(aluma: FakeAlumaFixture, name = 'receipts.alproj'): Promise<string> {
	const result = await aluma.run({
		parameters: params('project', 'upload'),
		items: [fileItem(name, { mimeType: 'application/octet-stream' })],
	});
	return String(expectSuccess(result)[0].json.id);
}

/** Creates one task per fixture with the node's Task → Create; returns the task ids in order. */
export async function createTasks(aluma: FakeAlumaFixture, projectId: string, files: string[]): Promise<string[]> {
	const result = await aluma.run({
		parameters: params('task', 'create', { project: projectById(projectId) }),
		items: files.map((name) => fileItem(name)),
	});
	return expectSuccess(result).map((item) => String(item.json.id));
}

/** Creates tasks and moves them straight to "waiting for a client action" in the fake. */
export async function waitingTasks(aluma: FakeAlumaFixture, projectId: string, files: string[]): Promise<string[]> {
	const ids = await createTasks(aluma, projectId, files);
	for (const id of ids) aluma.fake.advanceTask(id, 'pending:start_client_action');
	return ids;
}

/** The fake's internal record of a task (state, tags, failure message…). */
export function taskRecord(fake: FakeAluma, id: string): IDataObject {
	const record = (fake.state.tasks as Map<string, IDataObject>).get(id);
	if (!record) throw new Error(`The fake has no task ${id}`);
	return record;
}

/** The task as Aluma lists it (`GET /tasks/:id` shape), read from the fake without a request. */
export function taskState(fake: FakeAluma, id: string): { state: unknown; client_action: unknown } {
	const record = taskRecord(fake, id);
	return { state: record.state, client_action: String(record.state).startsWith('pending:') ? record.client_action : null };
}
