import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listTasks } from '../../transport/tasks';
import { resultLimit, returnAllFields, simplifyOutputField } from '../outputFields';
import { clientActionField, stateOptions } from './fields';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			clientActionField,
			{ displayName: 'Project ID', name: 'projectId', type: 'string', default: '' },
			{ displayName: 'State', name: 'state', type: 'options', options: stateOptions, default: 'pending:start_client_action' },
		],
	},
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['task'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, i);
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
	return limit(tasks).map((task) => ({ json: task }));
}
