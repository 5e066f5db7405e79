import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listExtractors } from '../../transport/models';
import { resultLimit, returnAllFieldsFrom11, simplifyOutputField } from '../outputFields';

const properties: INodeProperties[] = [...returnAllFieldsFrom11, simplifyOutputField];

const displayOptions = { show: { resource: ['extractor'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex, true);
	return limit(await listExtractors(this, itemIndex)).map((extractor) => ({ json: extractor }));
}
