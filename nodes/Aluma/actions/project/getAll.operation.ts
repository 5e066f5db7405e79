import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProjects } from '../../transport/projects';
import { resultLimit, returnAllFields, simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [...returnAllFields, simplifyOutputField];

const displayOptions = { show: { resource: ['project'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, i);
	return limit(await listProjects(this, i)).map((project) => ({ json: project }));
}
