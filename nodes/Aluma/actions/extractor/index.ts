/** Extractor operations: list, get, build from modules or a configuration file, delete. */
import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as create from './create.operation';
import * as createFromFile from './createFromFile.operation';
import * as deleteExtractor from './deleteExtractor.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = { getAll, get, create, createFromFile, deleteExtractor } satisfies Record<string, AlumaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['extractor'] } },
		options: [
			{ name: 'Create From File', value: 'createFromFile', action: 'Create an extractor from a configuration file' },
			{ name: 'Create From Modules', value: 'create', action: 'Create an extractor from modules' },
			{ name: 'Delete', value: 'deleteExtractor', action: 'Delete an extractor' },
			{ name: 'Get', value: 'get', action: 'Get an extractor' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many extractors' },
		],
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
