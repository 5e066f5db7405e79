/** Field definitions shared by the Document operations, so each reads the same everywhere. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DOCUMENT_CAP } from '../../helpers/temporaryDocument';
import { getDocument } from '../../transport/documents';
import { modelNotFound } from '../../transport/models';

export { locatorValue, modelLocator, requiredString } from '../common';

export const documentIdField: INodeProperties = {
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. X9wK2AgWkk-m7e4f9oD5ew',
	description: 'ID of a document in Aluma, as returned by "Create From File" or "Import From URL", e.g. X9wK2AgWkk-m7e4f9oD5ew',
};

export const binaryFileField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file',
};

/** Where a one-step operation gets its file. */
const sourceField: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: [
		{ name: 'Binary File', value: 'binary', description: 'A file from the input item' },
		{ name: 'URL', value: 'url', description: 'A public http(s) address Aluma downloads the file from' },
	],
	default: 'binary',
};

export const sourceFields: INodeProperties[] = [
	{ ...sourceField, displayOptions: { hide: { '@tool': [true] } } },
	// An AI agent has no binary file to hand over, but it has URLs: the tool variant starts from one.
	{ ...sourceField, default: 'url', displayOptions: { show: { '@tool': [true] } } },
	{ ...binaryFileField, displayOptions: { show: { source: ['binary'] } } },
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/invoice.pdf',
		description: 'Public http(s) address of the file (PDF, TIFF, image or Office document), e.g. https://example.com/invoice.pdf. Aluma must be able to download it within 10 seconds.',
		displayOptions: { show: { source: ['url'] } },
	},
];

export const outputBinaryField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'outputBinaryField',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: DOCUMENT_CAP },
	default: 5,
	description: `How many items to process at once. Aluma allows an API client ${DOCUMENT_CAP} documents at a time.`,
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 10 },
	default: 300,
	description: 'How long to wait for Aluma to process a document (large scans take longer)',
};

export interface ProcessingOptions {
	concurrency?: number;
	timeout?: number;
}

export function processingTimeoutMs(options: ProcessingOptions): number | undefined {
	return options.timeout ? options.timeout * 1000 : undefined;
}

/** Concurrency from the Options collection (read at item 0), clamped to the document cap. */
export function concurrencyFrom(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('options', 0, {}) as ProcessingOptions;
	const wanted = Number(options.concurrency ?? concurrencyOption.default);
	return Math.max(1, Math.min(DOCUMENT_CAP, Number.isFinite(wanted) ? Math.floor(wanted) : 1));
}

export interface ModelChoice {
	kind: 'classifier' | 'extractor';
	name: string;
	/** The parameter the name came from, e.g. "Classifier". */
	label: string;
}

/**
 * Aluma answers 404 both for an unknown classifier or extractor and for a missing document. When the
 * document is there, the name is what is wrong: say so, naming the parameter and the item.
 */
export async function modelNotFoundError(
	ctx: IExecuteFunctions,
	error: unknown,
	model: ModelChoice,
	documentId: string,
	itemIndex: number,
): Promise<Error> {
	if (!(error instanceof NodeApiError) || error.httpCode !== '404') return error as Error;
	const documentExists = await getDocument(ctx, documentId, { itemIndex }).then(
		() => true,
		() => false,
	);
	if (!documentExists) return error;
	return new NodeOperationError(ctx.getNode(), modelNotFound(model.kind, model.name, model.label), {
		description: `Pick the ${model.kind} from the list, or check the spelling of its name`,
		itemIndex,
	});
}
