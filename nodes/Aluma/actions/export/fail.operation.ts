import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClientAction } from '../../transport/tasks';
import { idParameter, requiredString } from '../parameters';
import { clientActionField, taskIdFields } from './fields';
import { runAction } from './runAction';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [
	...taskIdFields,
	clientActionField,
	{ displayName: 'Message', name: 'message', type: 'string', default: '', required: true, description: 'Why the task failed; shown in Aluma' },
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['export'], operation: ['fail'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	const message = requiredString(this, 'message', 'Message', i);
	return [{ json: { taskId, clientAction: action, failed: true, ...(await runAction(this, 'fail', taskId, action, i, { message })) } }];
}
