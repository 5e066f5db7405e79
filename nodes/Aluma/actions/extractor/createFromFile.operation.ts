import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readUploadSource } from '../../binaryInput';
import { createExtractor } from '../../transport/models';
import { modelName } from '../parameters';
import { extractorNameField } from './fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [
	extractorNameField,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The field holding the extractor configuration file (.fpxlc)',
	},
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['extractor'], operation: ['createFromFile'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = modelName(this, 'extractorName', 'Extractor Name', itemIndex);
	const file = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	return [{ json: { name, created: true, ...(await createExtractor(this, name, { file }, itemIndex)) } }];
}
