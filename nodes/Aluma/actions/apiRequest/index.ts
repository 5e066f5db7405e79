import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as send from './send.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = { send } satisfies Record<string, AlumaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiRequest'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				action: 'Send an API request',
				description: 'Call any Aluma endpoint with the credential\'s token',
			},
		],
		default: 'send',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
