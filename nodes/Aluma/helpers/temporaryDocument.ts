/**
 * Creates an Aluma document for one item, runs work on it, and deletes it whatever happens.
 * An API client may hold only 30 documents; when Aluma says the cap is reached, creation waits
 * (bounded) for a slot instead of failing the item.
 */
import { createHash } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { alumaDetailOf } from '../transport/errors';
import type { AlumaDocument, CallOptions } from '../transport/documents';
import { createDocumentFromFile, deleteDocument, importDocumentFromUrl } from '../transport/documents';
import type { UploadSource } from './binary';
import { readUploadSource } from './binary';
import { checkImportUrl } from './urlSafety';

/** What Aluma's (undocumented) answer to "too many documents" looks like. */
const DOCUMENT_CAP_MESSAGE = /maximum number of documents|document (?:limit|cap)|too many documents/i;
export const DOCUMENT_CAP = 30;
const CAP_WAIT_LIMIT_MS = 5 * 60 * 1000;

export function isDocumentCapError(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	return ['403', '409', '429'].includes(String(error.httpCode)) && DOCUMENT_CAP_MESSAGE.test(alumaDetailOf(error) ?? '');
}

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
	const lastSegment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
	return {
		fileName: safeDecode(lastSegment) || 'document',
		mimeType: 'application/octet-stream',
		create: async (options) => await importDocumentFromUrl(ctx, url, options),
	};
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** Reads the "Source" parameter of a one-step operation: a binary property or a URL. */
export async function resolveSource(ctx: IExecuteFunctions, itemIndex: number): Promise<SourceInfo> {
	const source = ctx.getNodeParameter('source', itemIndex, 'binary') as 'binary' | 'url';
	return source === 'url' ? urlSource(ctx, itemIndex) : await binarySource(ctx, itemIndex);
}

/** Creates the document, waiting for a free slot while Aluma reports the cap is reached. */
export async function createWithSlot(
	ctx: IExecuteFunctions,
	create: (options: CallOptions) => Promise<AlumaDocument>,
	options: CallOptions,
	waitLimitMs = CAP_WAIT_LIMIT_MS,
): Promise<AlumaDocument> {
	let waited = 0;
	for (let round = 0; ; round++) {
		const outcome = await create(options).then(
			(document) => ({ document }),
			(error: unknown) => ({ error }),
		);
		if ('document' in outcome) return outcome.document;
		if (!isDocumentCapError(outcome.error) || waited >= waitLimitMs) {
			if (isDocumentCapError(outcome.error)) {
				throw new NodeOperationError(ctx.getNode(), 'No free Aluma document slot became available', {
					description: `Aluma allows ${DOCUMENT_CAP} documents at once per API client; the node waited ${Math.round(waited / 1000)} s for one. Lower the concurrency, or check for other workflows using the same API client`,
					itemIndex: options.itemIndex,
				});
			}
			throw outcome.error;
		}
		const delay = Math.min(15_000, 1000 * 2 ** Math.min(round, 4));
		ctx.logger.debug(`Aluma: document cap reached; waiting ${delay} ms for a free slot`);
		await sleep(delay);
		waited += delay;
	}
}

/** Runs `work` on a document made for this item and always deletes it afterwards. */
export async function withTemporaryDocument<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: SourceInfo,
	options: CallOptions,
	work: (document: AlumaDocument) => Promise<T>,
): Promise<T> {
	const document = await createWithSlot(ctx, source.create, { ...options, itemIndex });
	try {
		return await work(document);
	} finally {
		await deleteDocument(ctx, document.id, { itemIndex }).catch((error: unknown) => {
			// The item's own result or error matters more; Aluma removes idle documents after 10 minutes.
			ctx.logger.warn(`Aluma: could not delete temporary document ${document.id}: ${(error as Error).message}`);
		});
	}
}

/**
 * The `undo` of operations that create documents the user keeps (Create From File, Import From
 * URL): when the run stops on another item, the IDs in this output are lost, so delete them.
 */
export async function deleteCreatedDocuments(
	this: IExecuteFunctions,
	output: INodeExecutionData[],
	itemIndex: number,
): Promise<void> {
	for (const item of output) {
		const id = item.json.id;
		if (typeof id === 'string' && id) await deleteDocument(this, id, { itemIndex });
	}
}
