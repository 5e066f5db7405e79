import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteProject } from '../../transport/projects';
import { projectId, projectLocator } from './fields';

const properties: INodeProperties[] = [projectLocator];

const displayOptions = { show: { resource: ['project'], operation: ['deleteProject'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = projectId(this, i);
	await deleteProject(this, id, i);
	return [{ json: { deleted: true, id } }];
}
