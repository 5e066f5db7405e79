import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentNotFound } from '../../transport/documents';
import { storeSuggestionResult } from '../../transport/suggestions';
import { idParameter, requiredString } from '../parameters';
import { documentIdField } from './fields';
import { contextField } from './steps/suggestions';

const properties: INodeProperties[] = [
	documentIdField,
	contextField,
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.suggestedFolderId }}',
		description: 'The folder the document was finally filed in, suggested or not; Aluma learns from it',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.suggestedFileName }}',
		description: 'The file name finally used, if you want Aluma to learn it too',
	},
];

const displayOptions = { show: { resource: ['document'], operation: ['storeSuggestionResult'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const documentId = idParameter(this, 'documentId', 'Document ID', itemIndex);
	const context = requiredString(this, 'context', 'Context', itemIndex);
	const folderId = requiredString(this, 'folderId', 'Folder ID', itemIndex);
	const fileName = String(this.getNodeParameter('fileName', itemIndex, '') ?? '').trim();
	await storeSuggestionResult(
		this,
		documentId,
		{ context, folder_id: folderId, ...(fileName ? { file_name: fileName } : {}) },
		{ itemIndex, notFound: documentNotFound(documentId) },
	);
	return [{ json: { documentId, context, folderId, fileName: fileName || null, stored: true } }];
}
