import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteModel } from '../../transport/models';
import { locatorValue } from '../parameters';
import { classifierLocator } from './fields';

const properties: INodeProperties[] = [classifierLocator];

const displayOptions = { show: { resource: ['classifier'], operation: ['deleteClassifier'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
	await deleteModel(this, 'classifier', name, itemIndex);
	return [{ json: { deleted: true, name } }];
}
