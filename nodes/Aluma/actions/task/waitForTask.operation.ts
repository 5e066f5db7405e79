import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import type { AlumaTask } from '../../transport/tasks';
import { FINAL_TASK_STATES, getTask } from '../../transport/tasks';
import { requiredString } from '../common';
import { stateOptions, taskIdField } from './fields';

const properties: INodeProperties[] = [
	taskIdField,
	{
		displayName: 'Wait Until',
		name: 'waitUntil',
		type: 'multiOptions',
		options: stateOptions,
		default: [],
		description: 'States to wait for. Final states (completed, failed, timed-out, canceled) always end the wait. Leave empty to wait for a final state only.',
	},
	{
		displayName: 'Maximum Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'interval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
	},
	{
		displayName: 'Fail on Timeout',
		name: 'failOnTimeout',
		type: 'boolean',
		default: false,
		description: 'Whether to fail the item when the wait ends without reaching a chosen state, instead of returning the task with its current state',
	},
];

const displayOptions = { show: { resource: ['task'], operation: ['waitForTask'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface WaitResult extends IDataObject {
	waitTimedOut: boolean;
	waitedSeconds: number;
	polls: number;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = requiredString(this, 'taskId', 'Task ID', i);
	const wanted = new Set([...(this.getNodeParameter('waitUntil', i, []) as string[]), ...FINAL_TASK_STATES]);
	const maxWaitMs = Math.max(1, Number(this.getNodeParameter('maxWait', i, 300))) * 1000;
	const intervalMs = Math.max(1, Number(this.getNodeParameter('interval', i, 10))) * 1000;
	const started = Date.now();
	let polls = 0;
	let task: AlumaTask;
	for (;;) {
		task = await getTask(this, taskId, i);
		polls++;
		const elapsed = Date.now() - started;
		if (wanted.has(String(task.state))) break;
		if (elapsed + intervalMs > maxWaitMs) {
			const remaining = maxWaitMs - elapsed;
			if (remaining > 0) {
				await sleep(remaining);
				task = await getTask(this, taskId, i);
				polls++;
				if (wanted.has(String(task.state))) break;
			}
			if (this.getNodeParameter('failOnTimeout', i, false) as boolean) {
				throw new NodeOperationError(this.getNode(), `The task did not reach the chosen state within ${maxWaitMs / 1000} s (it is ${String(task.state)})`, {
					description: 'Raise "Maximum Wait", or turn off "Fail on Timeout" to continue with the task as it is',
					itemIndex: i,
				});
			}
			const result: WaitResult = { ...task, waitTimedOut: true, waitedSeconds: Math.round((Date.now() - started) / 1000), polls };
			return [{ json: result }];
		}
		await sleep(intervalMs);
	}
	const result: WaitResult = { ...task, waitTimedOut: false, waitedSeconds: Math.round((Date.now() - started) / 1000), polls };
	return [{ json: result }];
}
