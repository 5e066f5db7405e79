import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readUploadSource } from '../../binaryInput';
import { createClassifier } from '../../transport/models';
import { modelName } from '../parameters';
import { binaryField, classifierNameField } from './fields';
import { assertZip } from './zip';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [classifierNameField, binaryField('The field holding the trained classifier (.clf) file'), simplifyOutputField];

const displayOptions = { show: { resource: ['classifier'], operation: ['upload'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = modelName(this, 'classifierName', 'Classifier Name', itemIndex);
	const file = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	await assertZip(this, itemIndex, file, 'A trained classifier (.clf)');
	return [{ json: { name, uploaded: true, ...(await createClassifier(this, name, file, itemIndex)) } }];
}
