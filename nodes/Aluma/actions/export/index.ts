/**
 * Client actions: the hand-over of a task's results (export) or of its review (validation).
 * Safe sequence: Start → write the data somewhere → Complete; on failure Cancel (retry later) or
 * Fail (give up). "Export Task" does Start plus the file downloads in one step.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as cancel from './cancel.operation';
import * as complete from './complete.operation';
import * as exportTask from './exportTask.operation';
import * as fail from './fail.operation';
import * as start from './start.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = { start, exportTask, complete, cancel, fail } satisfies Record<string, AlumaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['export'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a client action', description: 'Hand the task back so it can be started again' },
			{ name: 'Complete', value: 'complete', action: 'Complete a client action', description: 'Confirm the data is stored; Aluma then finishes the task' },
			{ name: 'Export Task', value: 'exportTask', action: 'Export a task', description: 'Start the export and download its files in one step' },
			{ name: 'Fail', value: 'fail', action: 'Fail a client action', description: 'Give up on the task with a message' },
			{ name: 'Start', value: 'start', action: 'Start a client action', description: 'Get the export or validation specification' },
		],
		default: 'exportTask',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
