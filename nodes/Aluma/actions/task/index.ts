import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as waitForTask from './waitForTask.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = { create, get, getAll, waitForTask } satisfies Record<string, AlumaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a task from a file', description: 'Send a file through an Aluma project' },
			{ name: 'Get', value: 'get', action: 'Get a task' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many tasks' },
			{ name: 'Wait for Task', value: 'waitForTask', action: 'Wait for a task to reach a state', description: 'Check the task until it reaches a chosen or final state' },
		],
		default: 'create',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
