import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClientAction } from '../../transport/tasks';
import { idParameter } from '../parameters';
import { clientActionField, taskIdFields, validationResultsFields } from './fields';
import { runAction } from './runAction';
import { readValidationResults } from './validationResults';
import { simplifyOutputField } from '../outputFields';

// A canceled validation hands Aluma what was validated so far, to be completed later (DOC).
const properties: INodeProperties[] = [...taskIdFields, clientActionField, ...validationResultsFields, simplifyOutputField];

const displayOptions = { show: { resource: ['export'], operation: ['cancel'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	const results = action === 'validation' ? readValidationResults(this, i) : undefined;
	return [{ json: { taskId, clientAction: action, canceled: true, ...(await runAction(this, 'cancel', taskId, action, i, results)) } }];
}
