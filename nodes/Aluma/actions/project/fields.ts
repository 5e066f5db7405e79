import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locatorValue } from '../parameters';

/** The project picker used wherever a project is asked for (the Project operations and Task → Create). */
export const projectLocator: INodeProperties = {
	displayName: 'Project',
	name: 'project',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Aluma project (its ID is in the project\'s address in the Aluma app)',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchProjects', searchable: true } },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. ZbfzIZorTFOV60GX58YUuQ' },
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.aluma.io/project/ZbfzIZorTFOV60GX58YUuQ',
			extractValue: { type: 'regex', regex: 'app\\.aluma\\.io/project/([A-Za-z0-9_-]+)' },
			validation: [
				{
					type: 'regex',
					properties: { regex: '.*app\\.aluma\\.io/project/[A-Za-z0-9_-]+.*', errorMessage: 'Not an Aluma project URL' },
				},
			],
		},
	],
};

export const projectId = (ctx: IExecuteFunctions, itemIndex: number): string => locatorValue(ctx, 'project', 'Project', itemIndex);
