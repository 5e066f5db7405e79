import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idParameter } from '../parameters';
import { downloadFilesField, taskIdFields } from './fields';
import { runAction, whileStarted } from './runAction';
import { withFiles } from './taskFiles';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [
	...taskIdFields,
	downloadFilesField,
	{
		displayName: 'Complete Right Away',
		name: 'completeNow',
		type: 'boolean',
		default: false,
		description: 'Whether to complete the export in this step. Leave off to complete it with "Complete" after the data is safely stored; Aluma then deletes the task\'s data.',
	},
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['export'], operation: ['exportTask'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const spec = await runAction(this, 'start', taskId, 'export', i);
	// Downloading and "Complete Right Away" both happen while the export is started: a failure in
	// either hands the task back.
	return await whileStarted(this, taskId, 'export', i, async () => {
		const item = await withFiles(this, i, taskId, spec);
		if (this.getNodeParameter('completeNow', i, false) as boolean) {
			await runAction(this, 'complete', taskId, 'export', i);
			item.json.completed = true;
		}
		return [item];
	});
}
