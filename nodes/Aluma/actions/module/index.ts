import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as getAll from './getAll.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = { getAll } satisfies Record<string, AlumaOperation>;

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
	...Object.values(operations).flatMap((operation) => operation.description),
];
