/** Plain dropdowns (used inside collections, where a resource locator cannot go). */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listModules } from '../transport/models';
import { searchExtractors } from './listSearch';

export async function getExtractors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchExtractors.call(this);
	return results.map(({ name, value }) => ({ name, value: String(value) }));
}

export async function getModules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const modules = await listModules(this);
	return modules
		.map((module) => ({
			name: String(module.name ?? module.id),
			value: module.id,
			description: typeof module.summary === 'string' ? module.summary : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
