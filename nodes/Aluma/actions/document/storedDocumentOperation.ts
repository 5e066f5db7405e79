/**
 * Builds the step-by-step operations that work on a document already in Aluma (by its ID):
 * the Document ID field, the step's own fields and a Timeout option.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentNotFound } from '../../transport/documents';
import type { AlumaOperation } from '../operation';
import type { ProcessingOptions } from './fields';
import { idParameter } from '../parameters';
import { documentIdField, processingOptions, timeoutOption } from './fields';

export function storedDocumentOperation(
	operation: string,
	properties: INodeProperties[],
	run: (ctx: IExecuteFunctions, itemIndex: number, documentId: string, options: ProcessingOptions) => Promise<INodeExecutionData[]>,
	ownOptions: INodeProperties[] = [],
): AlumaOperation {
	const allProperties: INodeProperties[] = [
		documentIdField,
		...properties,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [timeoutOption, ...ownOptions],
		},
	];
	return {
		description: updateDisplayOptions({ show: { resource: ['document'], operation: [operation] } }, allProperties),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const documentId = idParameter(this, 'documentId', 'Document ID', itemIndex);
			const options = { ...processingOptions(this, itemIndex), notFound: documentNotFound(documentId) };
			return await run(this, itemIndex, documentId, options);
		},
	};
}
