import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idParameter } from '../common';
import { downloadFilesField, taskIdField } from './fields';
import { runAction } from './runAction';
import { withFiles } from './taskFiles';

const properties: INodeProperties[] = [
	taskIdField,
	downloadFilesField,
	{
		displayName: 'Complete Right Away',
		name: 'completeNow',
		type: 'boolean',
		default: false,
		description: 'Whether to complete the export in this step. Leave off to complete it with "Complete" after the data is safely stored; Aluma then deletes the task\'s data.',
	},
];

const displayOptions = { show: { resource: ['export'], operation: ['exportTask'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const spec = await runAction(this, 'start', taskId, 'export', i);
	const item = await withFiles(this, i, taskId, spec).catch(async (error: unknown) => {
		// Hand the task back so a later run can export it again, instead of leaving it started.
		await runAction(this, 'cancel', taskId, 'export', i).catch((cancelError: unknown) =>
			this.logger.warn(`Aluma: could not cancel the export of task ${taskId}: ${(cancelError as Error).message}`),
		);
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
	});
	if (this.getNodeParameter('completeNow', i, false) as boolean) {
		await runAction(this, 'complete', taskId, 'export', i);
		item.json.completed = true;
	}
	return [item];
}
