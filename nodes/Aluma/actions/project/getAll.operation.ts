import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProjects } from '../../transport/projects';
import { resultLimit, returnAllFields } from '../common.operation';

const displayOptions = { show: { resource: ['project'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, returnAllFields);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, i);
	return limit(await listProjects(this, i)).map((project) => ({ json: project }));
}
