import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProjects } from '../../transport/projects';
import { limitResults, returnAllFields } from '../common.operation';

const displayOptions = { show: { resource: ['project'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, returnAllFields);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return limitResults(this, i, await listProjects(this, i)).map((project) => ({ json: project }));
}
