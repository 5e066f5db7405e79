import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getProject } from '../../transport/projects';
import { projectId, projectLocator } from './fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [projectLocator, simplifyOutputField];

const displayOptions = { show: { resource: ['project'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return [{ json: await getProject(this, projectId(this, i), i) }];
}
