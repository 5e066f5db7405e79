/** Plain dropdowns whose options depend on other parameters of the node. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listModules } from '../transport/models';

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
