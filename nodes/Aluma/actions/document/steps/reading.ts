/** The read (OCR) step: its fields and the request, for "Read Stored Document" and "Read File". */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deriveFileName } from '../../../helpers/fileNames';
import type { ReadFormat } from '../../../transport/documents';
import { getReadFile, getReadText, readDocument } from '../../../transport/documents';
import type { ProcessingOptions } from '../fields';
import { outputBinaryField, stepCall } from '../fields';

/** The read step's own fields, shared by "Read Stored Document", "Read File" and "Get Read Result". */
export const readProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'readOutput',
		type: 'options',
		options: [
			{ name: 'Read Result (ZIP)', value: 'zip', description: 'Aluma\'s full read result as a zip file' },
			{ name: 'Searchable PDF', value: 'pdf', description: 'The document as a PDF with a text layer' },
			{ name: 'Text', value: 'text', description: 'The recognised text in a JSON field' },
		],
		default: 'text',
	},
	{ ...outputBinaryField, displayOptions: { show: { readOutput: ['pdf', 'zip'] } } },
];

const FORMATS: Record<ReadFormat, { suffix: string; extension: string; mimeType: string }> = {
	text: { suffix: '', extension: 'txt', mimeType: 'text/plain' },
	pdf: { suffix: '-searchable', extension: 'pdf', mimeType: 'application/pdf' },
	zip: { suffix: '-read', extension: 'zip', mimeType: 'application/zip' },
};

/**
 * Reads a document (unless `readFirst` is false: the result of an earlier read is fetched) and
 * shapes the result as one output item.
 */
export async function runRead(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	originalName: string | undefined,
	options: ProcessingOptions,
	{ readFirst = true } = {},
): Promise<INodeExecutionData> {
	const format = ctx.getNodeParameter('readOutput', itemIndex, 'text') as ReadFormat;
	const call = stepCall(itemIndex, options);
	if (readFirst) await readDocument(ctx, documentId, call);
	if (format === 'text') return { json: { documentId, text: await getReadText(ctx, documentId, call) } };
	const { suffix, extension, mimeType } = FORMATS[format];
	const fileName = deriveFileName(originalName ?? documentId, suffix, extension);
	const field = (ctx.getNodeParameter('outputBinaryField', itemIndex, 'data') as string) || 'data';
	const result = await getReadFile(ctx, documentId, format, { fileName, mimeType }, call);
	return {
		json: { documentId, fileName, fileSize: result.byteLength },
		binary: { [field]: result.binary },
	};
}
