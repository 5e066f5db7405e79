/** Field definitions shared by the Task operations (and the Export operations, which act on a task). */
import type { INodeProperties } from 'n8n-workflow';

import { TASK_STATES } from '../../transport/tasks';

export const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. SWdh86taQhKwwpY0HUKD7Q',
};

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

export const stateOptions = TASK_STATES.map((state) => ({ name: state, value: state }));
