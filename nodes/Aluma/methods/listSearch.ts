/** Searchable dropdowns (resource locators "From list"). Aluma lists have no paging. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { stateName } from '../actions/task/fields';
import type { NamedModel } from '../transport/models';
import { listClassifiers, listExtractors } from '../transport/models';
import { listProjects } from '../transport/projects';
import type { AlumaTask } from '../transport/tasks';
import { listTasks } from '../transport/tasks';
import { extractorFieldItems } from './extractorFields';

function toResults(models: NamedModel[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase();
	return {
		results: models
			.filter((model) => !needle || model.name.toLowerCase().includes(needle))
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((model) => ({ name: model.name, value: model.name })),
	};
}

export async function searchClassifiers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return toResults(await listClassifiers(this), filter);
}

export async function searchExtractors(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return toResults(await listExtractors(this), filter);
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase();
	const projects = await listProjects(this);
	return {
		results: projects
			.map((project) => ({ name: String(project.name ?? project.id), value: String(project.id) }))
			.filter((project) => !needle || project.name.toLowerCase().includes(needle) || project.value.toLowerCase() === needle)
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** The fields of the chosen extractor(s), table fields first, for "Split Table Rows Into Items". */
export async function searchExtractorFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return { results: await extractorFieldItems(this, filter) };
}

/** How many recent tasks the Task ID picker shows. */
const RECENT_TASKS = 50;

const taskLabel = (task: AlumaTask): string =>
	[String(task.name ?? task.id), task.state ? stateName(String(task.state)) : '', task.created_at ? String(task.created_at) : ''].filter(Boolean).join(' · ');

/** Recent tasks, newest first, matched on name, ID or state; empty (never an error) when Aluma does not list them, so By ID still works. */
export async function searchTasks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const tasks = await listTasks(this).catch(() => [] as AlumaTask[]);
	const needle = filter?.trim().toLowerCase();
	const newestFirst = tasks
		.map((task, order) => ({ task, order, time: Date.parse(String(task.created_at ?? '')) }))
		.sort((a, b) => (Number.isNaN(b.time) || Number.isNaN(a.time) ? 0 : b.time - a.time) || b.order - a.order);
	return {
		results: newestFirst
			.map(({ task }) => ({ name: taskLabel(task), value: String(task.id) }))
			.filter((entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value.toLowerCase() === needle)
			.slice(0, RECENT_TASKS),
	};
}
