import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readUploadSource } from '../../binaryInput';
import { addClassifierSamples } from '../../transport/models';
import { locatorValue } from '../parameters';
import { binaryField, classifierLocator } from './fields';
import { assertZip } from './zip';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [classifierLocator, binaryField('The field holding a zip with one folder of samples per document type'), simplifyOutputField];

const displayOptions = { show: { resource: ['classifier'], operation: ['train'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
	const zip = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	await assertZip(this, itemIndex, zip, 'The samples file');
	return [{ json: { classifier: name, trained: true, ...(await addClassifierSamples(this, name, zip, itemIndex)) } }];
}
