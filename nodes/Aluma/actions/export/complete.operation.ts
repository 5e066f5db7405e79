import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClientAction } from '../../transport/tasks';
import { idParameter } from '../parameters';
import { clientActionField, taskIdFields, validationResultsFields } from './fields';
import { runAction } from './runAction';
import { readValidationResults } from './validationResults';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [...taskIdFields, clientActionField, ...validationResultsFields, simplifyOutputField];

const displayOptions = { show: { resource: ['export'], operation: ['complete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	const results = action === 'validation' ? readValidationResults(this, i) : undefined;
	return [{ json: { taskId, clientAction: action, completed: true, ...(await runAction(this, 'complete', taskId, action, i, results)) } }];
}
