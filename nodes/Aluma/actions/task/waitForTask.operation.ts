import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep, updateDisplayOptions } from 'n8n-workflow';

import type { AlumaTask } from '../../transport/tasks';
import { FINAL_TASK_STATES, getTask } from '../../transport/tasks';
import { idParameter } from '../parameters';
import type { NumberBounds } from '../numberParameter';
import { numberParameter } from '../numberParameter';
import { WAIT_TARGETS, stateOptions, taskIdFields, waitTargetOptions } from './fields';
import { simplifyOutputField } from '../outputFields';

// A day at most, and far below the timer limit (2^31-1 ms, about 24.8 days) beyond which a wait
// would fire after 1 ms and the node would poll Aluma in a tight loop.
const MAX_WAIT: NumberBounds = { min: 1, max: 86_400, integer: true };
const INTERVAL: NumberBounds = { min: 1, max: 3_600, integer: true };
const MAX_WAIT_LABEL = 'Maximum Wait (Seconds)';
const INTERVAL_LABEL = 'Check Every (Seconds)';

const properties: INodeProperties[] = [
	...taskIdFields,
	{
		displayName: 'Wait Until',
		name: 'waitUntil',
		type: 'multiOptions',
		options: stateOptions,
		default: [],
		description: 'States to wait for. Final states (completed, failed, timed-out, canceled) always end the wait. Leave empty to wait for a final state only.',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Wait Until',
		name: 'waitUntil',
		type: 'multiOptions',
		options: waitTargetOptions,
		default: [],
		description: 'What to wait for besides the end of the task: the wait always ends when the task completes, fails, times out or is canceled. Leave empty to wait for that only.',
		displayOptions: { hide: { '@version': [1] } },
	},
	{
		displayName: MAX_WAIT_LABEL,
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: MAX_WAIT.min, maxValue: MAX_WAIT.max, numberPrecision: 0 },
		default: 300,
		description: 'At most 86400 (one day)',
	},
	{
		displayName: INTERVAL_LABEL,
		name: 'interval',
		type: 'number',
		typeOptions: { minValue: INTERVAL.min, maxValue: INTERVAL.max, numberPrecision: 0 },
		default: 10,
		description: 'At most 3600, and not more than the maximum wait',
	},
	{
		displayName: 'Fail on Timeout',
		name: 'failOnTimeout',
		type: 'boolean',
		default: false,
		description: 'Whether to fail the item when the wait ends without reaching a chosen state, instead of returning the task with its current state',
	},
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['task'], operation: ['waitForTask'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

/** Whether the task is final or in one of the wanted states (a word from 1.1, or a raw state from 1). */
function reached(task: AlumaTask, wanted: string[]): boolean {
	const state = String(task.state);
	if (FINAL_TASK_STATES.includes(state)) return true;
	return wanted.some((choice) => {
		const target = WAIT_TARGETS[choice];
		if (!target) return choice === state;
		return target.state === state && (!target.clientAction || target.clientAction === task.client_action);
	});
}

interface WaitResult extends IDataObject {
	waitTimedOut: boolean;
	waitedSeconds: number;
	polls: number;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const taskId = idParameter(this, 'taskId', 'Task ID', i);
	const wanted = (this.getNodeParameter('waitUntil', i, []) as string[]) ?? [];
	const maxWait = numberParameter(this, 'maxWait', MAX_WAIT_LABEL, i, { ...MAX_WAIT, default: 300 });
	const interval = numberParameter(this, 'interval', INTERVAL_LABEL, i, { ...INTERVAL, default: 10 });
	if (interval > maxWait) {
		throw new NodeOperationError(this.getNode(), `The parameter "${INTERVAL_LABEL}" (${interval}) must not be more than "${MAX_WAIT_LABEL}" (${maxWait})`, {
			description: `Lower "${INTERVAL_LABEL}" or raise "${MAX_WAIT_LABEL}"`,
			itemIndex: i,
		});
	}
	const maxWaitMs = maxWait * 1000;
	const intervalMs = interval * 1000;
	const started = Date.now();
	let polls = 0;
	let task: AlumaTask;
	for (;;) {
		task = await getTask(this, taskId, i);
		polls++;
		const elapsed = Date.now() - started;
		if (reached(task, wanted)) break;
		if (elapsed + intervalMs > maxWaitMs) {
			const remaining = maxWaitMs - elapsed;
			if (remaining > 0) {
				await sleep(remaining);
				task = await getTask(this, taskId, i);
				polls++;
				if (reached(task, wanted)) break;
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
