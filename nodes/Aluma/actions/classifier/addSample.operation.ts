import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readUploadSource } from '../../binaryInput';
import { addClassifierSample } from '../../transport/models';
import { idParameter, locatorValue } from '../parameters';
import { binaryField, classifierLocator } from './fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [
	classifierLocator,
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Invoice',
		description: 'The document type this sample is an example of',
	},
	binaryField('The field holding the sample document'),
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['classifier'], operation: ['addSample'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
	const documentType = idParameter(this, 'documentType', 'Document Type', itemIndex, { spaces: true });
	const sample = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	const result = await addClassifierSample(this, name, documentType, sample, itemIndex);
	return [{ json: { classifier: name, documentType, added: true, fileName: sample.fileName, ...result } }];
}
