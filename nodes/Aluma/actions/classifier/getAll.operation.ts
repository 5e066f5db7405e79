import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listClassifiers } from '../../transport/models';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['classifier'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return (await listClassifiers(this, itemIndex)).map((classifier) => ({ json: classifier }));
}
