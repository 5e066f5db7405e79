import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createClassifier } from '../../transport/models';
import { modelName } from '../parameters';
import { classifierNameField } from './fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [classifierNameField, simplifyOutputField];

const displayOptions = { show: { resource: ['classifier'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = modelName(this, 'classifierName', 'Classifier Name', itemIndex);
	return [{ json: { name, created: true, ...(await createClassifier(this, name, undefined, itemIndex)) } }];
}
