import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getModel } from '../../transport/models';
import { locatorValue } from '../parameters';
import { extractorLocator } from './fields';
import { simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [extractorLocator, simplifyOutputField];

const displayOptions = { show: { resource: ['extractor'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return [{ json: await getModel(this, 'extractor', locatorValue(this, 'extractor', 'Extractor', itemIndex), itemIndex) }];
}
