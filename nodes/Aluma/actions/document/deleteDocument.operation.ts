import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteDocument } from '../../transport/documents';
import { idParameter } from '../parameters';
import { documentIdField } from './fields';

const properties: INodeProperties[] = [documentIdField];

const displayOptions = { show: { resource: ['document'], operation: ['deleteDocument'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const documentId = idParameter(this, 'documentId', 'Document ID', itemIndex);
	const existed = await deleteDocument(this, documentId, { itemIndex });
	// Deleting what is already gone is not an error: Aluma drops idle documents after 10 minutes.
	return [{ json: { deleted: true, id: documentId, alreadyGone: !existed } }];
}
