import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentJson } from '../../helpers/documentOutput';
import { documentNotFound, getDocument } from '../../transport/documents';
import { idParameter } from '../parameters';
import { documentIdField } from './fields';

const properties: INodeProperties[] = [documentIdField];

const displayOptions = { show: { resource: ['document'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const documentId = idParameter(this, 'documentId', 'Document ID', itemIndex);
	return [{ json: documentJson(await getDocument(this, documentId, { itemIndex, notFound: documentNotFound(documentId) })) }];
}
