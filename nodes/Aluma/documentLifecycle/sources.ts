/**
 * Where a document comes from: the item's binary file (uploaded, then checked against what Aluma
 * received) or a URL Aluma downloads. Nothing is sent until `create` is called.
 */
import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { UploadSource } from '../binaryInput';
import { readUploadSource } from '../binaryInput';
import { fileNameFromUrl } from '../helpers/fileNames';
import { checkImportUrl } from '../helpers/urlSafety';
import type { AlumaDocument, CallOptions } from '../transport/documents';
import { createDocumentFromFile, deleteDocument, importDocumentFromUrl } from '../transport/documents';

export interface SourceInfo {
	fileName: string;
	mimeType: string;
	create: (options: CallOptions) => Promise<AlumaDocument>;
}

/** Aluma reports the size and SHA-256 it received; a mismatch means the upload was corrupted. */
async function verifyUpload(
	ctx: IExecuteFunctions,
	itemIndex: number | undefined,
	document: AlumaDocument,
	sent: UploadSource,
): Promise<void> {
	const received = document._embedded?.files?.[0];
	if (!received) return;
	const sizeDiffers = typeof received.size === 'number' && received.size !== sent.byteLength;
	const hashDiffers =
		sent.buffer !== undefined &&
		typeof received.sha256 === 'string' &&
		received.sha256.toLowerCase() !== createHash('sha256').update(sent.buffer).digest('hex');
	if (!sizeDiffers && !hashDiffers) return;
	await deleteDocument(ctx, document.id, { itemIndex });
	const message = 'The file Aluma received differs from the one sent';
	throw new NodeApiError(ctx.getNode(), { message }, {
		message,
		description: `Aluma reported ${String(received.size)} bytes${hashDiffers ? ' and a different SHA-256' : ''} for ${sent.byteLength} bytes sent. The document was deleted; run the step again`,
		itemIndex,
	});
}

/** The file of a binary property, uploaded and verified. */
export async function binarySource(ctx: IExecuteFunctions, itemIndex: number): Promise<SourceInfo> {
	const upload = await readUploadSource(ctx, itemIndex, 'binaryPropertyName', 'Input Binary Field');
	return {
		fileName: upload.fileName,
		mimeType: upload.mimeType,
		create: async (options) => {
			const document = await createDocumentFromFile(ctx, upload, options);
			await verifyUpload(ctx, options.itemIndex, document, upload);
			return document;
		},
	};
}

/** A URL Aluma downloads from; refused before any request when Aluma could not reach it. */
export function urlSource(ctx: IExecuteFunctions, itemIndex: number): SourceInfo {
	const url = String(ctx.getNodeParameter('url', itemIndex, '')).trim();
	const problem = checkImportUrl(url);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), `${problem.message} (parameter "URL")`, {
			description: problem.hint,
			itemIndex,
		});
	}
	return {
		fileName: fileNameFromUrl(url) || 'document',
		mimeType: 'application/octet-stream',
		create: async (options) => await importDocumentFromUrl(ctx, url, options),
	};
}

/** Reads the "Source" parameter of a one-step operation: a binary property or a URL. */
export async function resolveSource(ctx: IExecuteFunctions, itemIndex: number): Promise<SourceInfo> {
	const source = ctx.getNodeParameter('source', itemIndex, 'binary') as 'binary' | 'url';
	return source === 'url' ? urlSource(ctx, itemIndex) : await binarySource(ctx, itemIndex);
}
