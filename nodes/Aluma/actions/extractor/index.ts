/** Extractor operations: list, get, build from modules or a configuration file, delete. */
import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createFromFile from './createFromFile.operation';
import * as deleteExtractor from './deleteExtractor.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, createFromFile, deleteExtractor, get, getAll };

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
	...getAll.description,
	...get.description,
	...create.description,
	...createFromFile.description,
	...deleteExtractor.description,
];
