import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ClientAction } from '../../transport/tasks';
import { idParameter } from '../common';
import { clientActionField, taskIdField } from './fields';
import { runAction } from './runAction';

const properties: INodeProperties[] = [
	taskIdField,
	clientActionField,
	{
		displayName: 'Body',
		name: 'completeBody',
		type: 'json',
		default: '{}',
		description: 'Optional JSON sent with the completion (e.g. corrected data after a validation)',
	},
];

const displayOptions = { show: { resource: ['export'], operation: ['complete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	const raw = this.getNodeParameter('completeBody', i, '{}') as unknown;
	let body: unknown = raw;
	if (typeof raw === 'string') {
		try {
			body = raw.trim() ? JSON.parse(raw) : {};
		} catch {
			body = undefined;
		}
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new NodeOperationError(this.getNode(), 'The parameter "Body" is not a JSON object', {
			description: 'Enter a JSON object such as {} or {"fields": {...}}',
			itemIndex: i,
		});
	}
	return [{ json: { taskId, clientAction: action, completed: true, ...(await runAction(this, 'complete', taskId, action, i, body as IDataObject)) } }];
}
