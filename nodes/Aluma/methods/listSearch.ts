/** Searchable dropdowns (resource locators "From list"). Aluma lists have no paging. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { NamedModel } from '../transport/models';
import { listClassifiers, listExtractors } from '../transport/models';
import { listProjects } from '../transport/projects';
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
