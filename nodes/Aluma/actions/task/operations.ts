import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { readUploadSource } from '../../helpers/binary';
import type { AlumaTask } from '../../transport/tasks';
import { createTask, FINAL_TASK_STATES, getTask, listTasks, TASK_STATES } from '../../transport/tasks';
import { requiredString } from '../common';
import { limitResults, returnAllFields, simpleOperation } from '../common.operation';
import { projectId, projectLocator } from '../project/operations';

const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. SWdh86taQhKwwpY0HUKD7Q',
};

const stateOptions = TASK_STATES.map((state) => ({ name: state, value: state }));

export const create = simpleOperation(
	'task',
	'create',
	[
		projectLocator,
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The field holding the file to process (PDF, image, Office, email, text or zip)',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'collection',
			placeholder: 'Add tag',
			default: {},
			options: [
				{ displayName: 'File Created Time', name: 'fileCreatedTime', type: 'dateTime', default: '' },
				{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Defaults to the name of the binary file' },
				{ displayName: 'File Path', name: 'filePath', type: 'string', default: '', placeholder: 'e.g. C:\\inbox' },
				{
					displayName: 'Task Name',
					name: 'taskName',
					type: 'string',
					default: '',
					description: 'Shown to validators; use it to link the task back to your own record',
				},
			],
		},
	],
	async function (this: IExecuteFunctions, i) {
		const project = projectId(this, i);
		const file = await readUploadSource(this, i, 'binaryPropertyName', 'Input Binary Field');
		const tags = this.getNodeParameter('tags', i, {}) as IDataObject;
		let createdTime: number | undefined;
		if (tags.fileCreatedTime) {
			createdTime = Math.floor(new Date(String(tags.fileCreatedTime)).getTime() / 1000);
			if (!Number.isFinite(createdTime)) {
				throw new NodeOperationError(this.getNode(), 'The tag "File Created Time" is not a valid date', {
					description: 'Use a date and time, e.g. 2026-11-28T09:30:00Z',
					itemIndex: i,
				});
			}
		}
		const task = await createTask(
			this,
			project,
			file,
			{
				task_name: (tags.taskName as string) || undefined,
				file_name: (tags.fileName as string) || file.fileName,
				file_path: (tags.filePath as string) || undefined,
				file_created_time: createdTime,
			},
			i,
		);
		return [{ json: task }];
	},
);

export const get = simpleOperation('task', 'get', [taskIdField], async function (this: IExecuteFunctions, i) {
	return [{ json: await getTask(this, requiredString(this, 'taskId', 'Task ID', i), i) }];
});

export const getAll = simpleOperation(
	'task',
	'getAll',
	[
		...returnAllFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Client Action',
					name: 'clientAction',
					type: 'options',
					options: [
						{ name: 'Export', value: 'export' },
						{ name: 'Validation', value: 'validation' },
					],
					default: 'export',
				},
				{ displayName: 'Project ID', name: 'projectId', type: 'string', default: '' },
				{ displayName: 'State', name: 'state', type: 'options', options: stateOptions, default: 'pending:start_client_action' },
			],
		},
	],
	async function (this: IExecuteFunctions, i) {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const tasks = await listTasks(
			this,
			{
				state: filters.state as string | undefined,
				client_action: filters.clientAction as string | undefined,
				project_id: filters.projectId as string | undefined,
			},
			i,
		);
		return limitResults(this, i, tasks).map((task) => ({ json: task }));
	},
);

interface WaitResult extends IDataObject {
	waitTimedOut: boolean;
	waitedSeconds: number;
	polls: number;
}

export const waitForTask = simpleOperation(
	'task',
	'waitForTask',
	[
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
	],
	async function (this: IExecuteFunctions, i) {
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
	},
);

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
	...[create, get, getAll, waitForTask].flatMap((op) => op.description),
];
