import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteModel } from '../../transport/models';
import { locatorValue } from '../parameters';
import { extractorLocator } from './fields';

const properties: INodeProperties[] = [extractorLocator];

const displayOptions = { show: { resource: ['extractor'], operation: ['deleteExtractor'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = locatorValue(this, 'extractor', 'Extractor', itemIndex);
	await deleteModel(this, 'extractor', name, itemIndex);
	return [{ json: { deleted: true, name } }];
}
