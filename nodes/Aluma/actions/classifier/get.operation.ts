import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getModel } from '../../transport/models';
import { locatorValue } from '../parameters';
import { classifierLocator } from './fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [classifierLocator, simplifyOutputField];

const displayOptions = { show: { resource: ['classifier'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
	return [{ json: await getModel(this, 'classifier', name, itemIndex) }];
}
