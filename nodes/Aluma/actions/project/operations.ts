import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readUploadSource } from '../../helpers/binary';
import { deleteProject, getProject, listProjects, uploadProject } from '../../transport/tasks';
import { limitResults, returnAllFields, simpleOperation } from '../common.operation';
import { locatorValue } from '../common';

/** The project picker used wherever a project is asked for. */
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

export const getAll = simpleOperation('project', 'getAll', returnAllFields, async function (this: IExecuteFunctions, i) {
	return limitResults(this, i, await listProjects(this, i)).map((project) => ({ json: project }));
});

export const get = simpleOperation('project', 'get', [projectLocator], async function (this: IExecuteFunctions, i) {
	return [{ json: await getProject(this, projectId(this, i), i) }];
});

export const upload = simpleOperation(
	'project',
	'upload',
	[
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The field holding the project file (.alproj) from Aluma',
		},
	],
	async function (this: IExecuteFunctions, i) {
		const file = await readUploadSource(this, i, 'binaryPropertyName', 'Input Binary Field');
		return [{ json: { uploaded: true, fileName: file.fileName, ...(await uploadProject(this, file, i)) } }];
	},
);

export const deleteProjectOperation = simpleOperation('project', 'deleteProject', [projectLocator], async function (this: IExecuteFunctions, i) {
	const id = projectId(this, i);
	await deleteProject(this, id, i);
	return [{ json: { deleted: true, id } }];
});

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
	...[getAll, get, upload, deleteProjectOperation].flatMap((op) => op.description),
];
