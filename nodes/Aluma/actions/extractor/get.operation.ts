import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getModel } from '../../transport/models';
import { locatorValue } from '../common';
import { extractorLocator } from './fields';

const properties: INodeProperties[] = [extractorLocator];

const displayOptions = { show: { resource: ['extractor'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return [{ json: await getModel(this, 'extractor', locatorValue(this, 'extractor', 'Extractor', itemIndex), itemIndex) }];
}
