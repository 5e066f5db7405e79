import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClientAction } from '../../transport/tasks';
import { idParameter } from '../common';
import { clientActionField, taskIdField } from './fields';
import { runAction } from './runAction';

const properties: INodeProperties[] = [taskIdField, clientActionField];

const displayOptions = { show: { resource: ['export'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	return [{ json: { taskId, clientAction: action, canceled: true, ...(await runAction(this, 'cancel', taskId, action, i)) } }];
}
