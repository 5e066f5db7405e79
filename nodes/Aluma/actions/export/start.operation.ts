import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ClientAction } from '../../transport/tasks';
import { idParameter } from '../parameters';
import { clientActionField, downloadFilesField, taskIdFields } from './fields';
import { runAction, whileStarted } from './runAction';
import { withFiles } from './taskFiles';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [...taskIdFields, clientActionField, downloadFilesField, simplifyOutputField];

const displayOptions = { show: { resource: ['export'], operation: ['start'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	const spec = await runAction(this, 'start', taskId, action, i);
	return [await whileStarted(this, taskId, action, i, async () => await withFiles(this, i, taskId, spec))];
}
