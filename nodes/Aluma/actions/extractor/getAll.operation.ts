import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listExtractors } from '../../transport/models';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['extractor'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return (await listExtractors(this, itemIndex)).map((extractor) => ({ json: extractor }));
}
