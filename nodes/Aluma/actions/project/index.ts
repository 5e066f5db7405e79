import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as deleteProject from './deleteProject.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = { getAll, get, upload, deleteProject } satisfies Record<string, AlumaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		options: [
			{ name: 'Delete', value: 'deleteProject', action: 'Delete a project' },
			{ name: 'Get', value: 'get', action: 'Get a project' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many projects' },
			{ name: 'Upload', value: 'upload', action: 'Upload a project file', description: 'Upload an .alproj file prepared by Aluma' },
		],
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
