/**
 * Builds Complete and Cancel: both end a started client action and, for a validation, hand Aluma
 * the Validation Results. Their output says which of the two happened.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClientAction } from '../../transport/tasks';
import type { AlumaOperation } from '../operation';
import { simplifyOutputField } from '../outputFields';
import { idParameter } from '../parameters';
import { clientActionField, taskIdFields, validationResultsFields } from './fields';
import { runAction } from './runAction';
import { readValidationResults } from './validationResults';

const properties: INodeProperties[] = [...taskIdFields, clientActionField, ...validationResultsFields, simplifyOutputField];

export function endWithResultsOperation(step: 'complete' | 'cancel', outcome: 'completed' | 'canceled'): AlumaOperation {
	return {
		description: updateDisplayOptions({ show: { resource: ['export'], operation: [step] } }, properties),
		simplifiesOutput: true,
		async execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
			const taskId = idParameter(this, 'taskId', 'Task ID', i);
			const action = this.getNodeParameter('clientAction', i) as ClientAction;
			const results = action === 'validation' ? readValidationResults(this, i) : undefined;
			return [{ json: { taskId, clientAction: action, [outcome]: true, ...(await runAction(this, step, taskId, action, i, results)) } }];
		},
	};
}
