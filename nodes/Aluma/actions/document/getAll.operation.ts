import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentJson } from '../../helpers/documentOutput';
import { listDocuments } from '../../transport/documents';
import { resultLimit, returnAllFields } from '../outputFields';

const displayOptions = { show: { resource: ['document'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, returnAllFields);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const limit = resultLimit(this, itemIndex);
	return limit(await listDocuments(this, { itemIndex })).map((document) => ({ json: documentJson(document) }));
}
