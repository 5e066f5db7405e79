import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchProjects } from '../Aluma/methods/listSearch';
import { listTasks } from '../Aluma/transport/tasks';
import type { TaskEvent, TriggerMemory } from './taskEvents';
import { filtersFor, newTasks } from './taskEvents';

export class AlumaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aluma Trigger',
		name: 'alumaTrigger',
		icon: { light: 'file:aluma.svg', dark: 'file:aluma.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: 'Starts the workflow when Aluma tasks are ready for export or validation, or reach a state',
		defaults: { name: 'Aluma Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alumaApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Task Ready for Export', value: 'readyForExport' },
					{ name: 'Task Ready for Validation', value: 'readyForValidation' },
					{ name: 'Task Reached State', value: 'reachedState' },
				],
				default: 'readyForExport',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: [
					{ name: 'Canceled', value: 'canceled' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Timed Out', value: 'timed-out' },
				],
				default: 'completed',
				displayOptions: { show: { event: ['reachedState'] } },
			},
			{
				displayName: 'Project',
				name: 'project',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: 'Only tasks of this project. Leave empty for all projects.',
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchProjects', searchable: true } },
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. ZbfzIZorTFOV60GX58YUuQ' },
				],
			},
			{
				displayName: 'Include Existing Tasks',
				name: 'emitExisting',
				type: 'boolean',
				default: false,
				description: 'Whether the first check after activation also emits the tasks that were already waiting then, instead of only remembering them',
			},
		],
	};

	methods = { listSearch: { searchProjects } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TaskEvent;
		const state = this.getNodeParameter('state', 'completed') as string;
		const projectId = String(this.getNodeParameter('project', '', { extractValue: true }) ?? '').trim();
		const filters = filtersFor(event, state, projectId);
		const tasks = await listTasks(this, filters);
		if (this.getMode() === 'manual') {
			// "Fetch test event": show the newest matching task without touching what was remembered.
			const newest = tasks[tasks.length - 1];
			return newest ? [[{ json: newest }]] : null;
		}
		const memory = this.getWorkflowStaticData('node') as TriggerMemory;
		// After the event, state or project changes, what the trigger remembers is about other tasks:
		// start over as on a first activation instead of emitting everything the new settings match.
		const watching = JSON.stringify(filters);
		if (memory.watching !== watching) {
			memory.seen = {};
			memory.initialized = false;
			memory.watching = watching;
		}
		const emitExisting = this.getNodeParameter('emitExisting', false) as boolean;
		const fresh = newTasks(memory, tasks, Date.now(), emitExisting);
		return fresh.length ? [fresh.map((task) => ({ json: task }))] : null;
	}
}
