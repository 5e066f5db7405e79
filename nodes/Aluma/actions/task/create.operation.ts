import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readUploadSource } from '../../binaryInput';
import { createTask } from '../../transport/tasks';
import { projectId, projectLocator } from '../project/fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [
	projectLocator,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The field holding the file to process (PDF, image, Office, email, text or zip)',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'collection',
		placeholder: 'Add tag',
		default: {},
		options: [
			{ displayName: 'File Created Time', name: 'fileCreatedTime', type: 'dateTime', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Defaults to the name of the binary file' },
			{ displayName: 'File Path', name: 'filePath', type: 'string', default: '', placeholder: 'e.g. C:\\inbox' },
			{
				displayName: 'Task Name',
				name: 'taskName',
				type: 'string',
				default: '',
				description: 'Shown to validators; use it to link the task back to your own record',
			},
		],
	},
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['task'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const project = projectId(this, i);
	const file = await readUploadSource(this, i, 'binaryPropertyName', 'Input Binary Field');
	const tags = this.getNodeParameter('tags', i, {}) as IDataObject;
	let createdTime: number | undefined;
	if (tags.fileCreatedTime) {
		createdTime = Math.floor(new Date(String(tags.fileCreatedTime)).getTime() / 1000);
		if (!Number.isFinite(createdTime)) {
			throw new NodeOperationError(this.getNode(), 'The tag "File Created Time" is not a valid date', {
				description: 'Use a date and time, e.g. 2026-11-28T09:30:00Z',
				itemIndex: i,
			});
		}
	}
	const task = await createTask(
		this,
		project,
		file,
		{
			task_name: (tags.taskName as string) || undefined,
			file_name: (tags.fileName as string) || file.fileName,
			file_path: (tags.filePath as string) || undefined,
			file_created_time: createdTime,
		},
		i,
	);
	return [{ json: task }];
}
