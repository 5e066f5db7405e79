import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['module'] } },
		options: [{ name: 'Get Many', value: 'getAll', action: 'Get many modules', description: 'List the modules extractors can be built from' }],
		default: 'getAll',
	},
	...getAll.description,
];
