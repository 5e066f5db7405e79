import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readUploadSource } from '../../binaryInput';
import { uploadProject } from '../../transport/projects';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The field holding the project file (.alproj) from Aluma',
	},
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['project'], operation: ['upload'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const file = await readUploadSource(this, i, 'binaryPropertyName', 'Input Binary Field');
	return [{ json: { uploaded: true, fileName: file.fileName, ...(await uploadProject(this, file, i)) } }];
}
