/** Field definitions shared by the Task operations (and the Export operations, which act on a task). */
import type { INodeProperties } from 'n8n-workflow';

import type { ClientAction, TaskState } from '../../transport/tasks';
import { TASK_STATES } from '../../transport/tasks';

const TASK_ID_DESCRIPTION = 'ID of an Aluma task, as output by the Aluma Trigger, Task → Create or Task → Get Many';
const TASK_ID_PLACEHOLDER = 'e.g. SWdh86taQhKwwpY0HUKD7Q';

/**
 * Task ID: text in node version 1 (as saved), a From list / By ID picker from version 1.1. The list
 * shows recent tasks; By ID takes any ID. Readers accept both shapes (`requiredString`).
 */
export const taskIdFields: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: TASK_ID_PLACEHOLDER,
		description: TASK_ID_DESCRIPTION,
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The task: pick one of the recent tasks or enter its ID. ${TASK_ID_DESCRIPTION}.`,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTasks', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: TASK_ID_PLACEHOLDER },
		],
		displayOptions: { hide: { '@version': [1] } },
	},
];

/** Which hand-over of a task: a Task → Get Many filter and a parameter of every Export operation but Export Task. */
export const clientActionField: INodeProperties = {
	displayName: 'Client Action',
	name: 'clientAction',
	type: 'options',
	options: [
		{ name: 'Export', value: 'export' },
		{ name: 'Validation', value: 'validation' },
	],
	default: 'export',
};

const STATE_NAMES: Record<TaskState, string> = {
	queued: 'Queued',
	running: 'Running',
	'pending:start_client_action': 'Ready for Export or Validation',
	'pending:complete_client_action': 'Export or Validation Started',
	completed: 'Completed',
	failed: 'Failed',
	'timed-out': 'Timed Out',
	canceled: 'Canceled',
};

/** A task state in words, or as Aluma wrote it when it is one the node does not know. */
export const stateName = (state: string): string => STATE_NAMES[state as TaskState] ?? state;

/** Aluma's task states in words; the values are the API's own, as the Get Many filter sends them. */
export const stateOptions = TASK_STATES.map((state) => ({ name: STATE_NAMES[state], value: state, description: `Aluma state "${state}"` })).sort((a, b) =>
	a.name.localeCompare(b.name),
);

/**
 * What Wait for Task can wait for (from node version 1.1), as the trigger words it. Version 1 saved
 * raw state names instead; those are still read as they are.
 */
export const WAIT_TARGETS: Record<string, { state: string; clientAction?: ClientAction }> = {
	readyForExport: { state: 'pending:start_client_action', clientAction: 'export' },
	readyForValidation: { state: 'pending:start_client_action', clientAction: 'validation' },
	clientActionStarted: { state: 'pending:complete_client_action' },
	running: { state: 'running' },
};

export const waitTargetOptions = [
	{ name: 'Export or Validation Started', value: 'clientActionStarted', description: 'A client started the export or validation and has not completed it yet' },
	{ name: 'Ready for Export', value: 'readyForExport', description: 'The task waits for a client to start its export' },
	{ name: 'Ready for Validation', value: 'readyForValidation', description: 'The task waits for a client to start its validation' },
	{ name: 'Running', value: 'running', description: 'Aluma started processing the task' },
];
