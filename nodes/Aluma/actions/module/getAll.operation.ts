import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listModules } from '../../transport/models';
import { resultLimit, returnAllFieldsFrom11 } from '../outputFields';

const properties: INodeProperties[] = returnAllFieldsFrom11;

const displayOptions = { show: { resource: ['module'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The modules an extractor can be built from, with their fields and parameters. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex, true);
	return limit(await listModules(this, itemIndex)).map((module) => ({
		json: {
			id: module.id,
			name: module.name ?? module.id,
			summary: module.summary ?? null,
			fields: Array.isArray(module.fields) ? (module.fields as IDataObject[]) : [],
			parameters: Array.isArray(module.parameters) ? (module.parameters as IDataObject[]) : [],
		},
	}));
}
