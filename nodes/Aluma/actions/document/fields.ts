/** Field definitions shared by the Document operations, so each reads the same everywhere. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_DOCUMENT_ALLOWANCE } from '../../transport/allowance';
import type { CallOptions } from '../../transport/documents';
import type { NumberBounds } from '../numberParameter';
import { numberParameter } from '../numberParameter';

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

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const outputBinaryField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'outputBinaryField',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

const CONCURRENCY: NumberBounds = { min: 1, max: DEFAULT_DOCUMENT_ALLOWANCE, integer: true };
/** An hour at most: a request timeout is a timer too, and no OCR takes longer. */
const TIMEOUT: NumberBounds = { min: 1, max: 3_600, integer: true };

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: CONCURRENCY.min, maxValue: CONCURRENCY.max, numberPrecision: 0 },
	default: 5,
	description: `How many items to process at once. Aluma allows an API client ${DEFAULT_DOCUMENT_ALLOWANCE} documents at a time.`,
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: TIMEOUT.min, maxValue: TIMEOUT.max, numberPrecision: 0 },
	default: 300,
	description: 'How long to wait for Aluma to process a document (large scans take longer), from 1 to 3600',
};

export interface ProcessingOptions {
	concurrency?: number;
	timeout?: number;
	/** Set for a document given by "Document ID": the 404 message that names that parameter. */
	notFound?: string;
}

/** The Options collection of a document operation, checked before anything is sent. */
export function processingOptions(ctx: IExecuteFunctions, itemIndex: number): ProcessingOptions {
	return { timeout: numberParameter(ctx, 'options.timeout', timeoutOption.displayName, itemIndex, { ...TIMEOUT, default: 300 }) };
}

/** How a processing step calls Aluma for item `itemIndex`: its timeout, and what a 404 means. */
export function stepCall(itemIndex: number, options: ProcessingOptions): CallOptions {
	return { itemIndex, timeoutMs: options.timeout ? options.timeout * 1000 : undefined, notFound: options.notFound };
}

/** Concurrency from the Options collection, read once at item 0 (the router asks before the item loop). */
export function concurrencyFrom(ctx: IExecuteFunctions): number {
	return numberParameter(ctx, 'options.concurrency', concurrencyOption.displayName, 0, { ...CONCURRENCY, default: 5 });
}
