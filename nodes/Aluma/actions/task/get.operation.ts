import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getTask } from '../../transport/tasks';
import { idParameter } from '../parameters';
import { taskIdFields } from './fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [...taskIdFields, simplifyOutputField];

const displayOptions = { show: { resource: ['task'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return [{ json: await getTask(this, idParameter(this, 'taskId', 'Task ID', i), i) }];
}
