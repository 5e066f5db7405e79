/**
 * Creates an Aluma document for one item, runs work on it, and deletes it whatever happens (also
 * when the user stops the execution). An API client may hold only so many documents at once (30 by
 * default); when Aluma says the allowance is full, creation waits (bounded) for a slot instead of
 * failing the item, and a slot this process frees goes straight to the longest waiter.
 */
import { createHash } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Turn } from '../transport/allowance';
import {
	DEFAULT_DOCUMENT_ALLOWANCE,
	allowanceFull,
	documentHeld,
	documentReleased,
	takeTurnNow,
	uploadDone,
	waitForTurn,
} from '../transport/allowance';
import { isStopped, stoppedError } from '../transport/stop';
import { isDocumentAllowanceError, retryAfterOf } from '../transport/errors';
import { parseRetryAfter } from '../../../shared/retry';
import type { AlumaDocument, CallOptions } from '../transport/documents';
import { createDocumentFromFile, deleteDocument, importDocumentFromUrl } from '../transport/documents';
import type { UploadSource } from './binary';
import { fileNameFromUrl, readUploadSource } from './binary';
import { checkImportUrl } from './urlSafety';

const CAP_WAIT_LIMIT_MS = 5 * 60 * 1000;
/** Longest pause between tries while waiting: slots freed by other processes are only seen by trying. */
const CAP_RETRY_MAX_MS = 2000;
const CAP_RETRY_AFTER_MAX_MS = 30_000;

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

/**
 * Creates the document, waiting for a free slot while Aluma reports the allowance is full. Once
 * this process got that answer, new creations queue behind its waiters (allowance.ts) rather than
 * upload into a full allowance.
 */
export async function createWithSlot(
	ctx: IExecuteFunctions,
	create: (options: CallOptions) => Promise<AlumaDocument>,
	options: CallOptions,
	waitLimitMs = CAP_WAIT_LIMIT_MS,
): Promise<AlumaDocument> {
	const started = Date.now();
	const deadline = started + waitLimitMs;
	const stopped = () => isStopped(ctx);
	const fullError = () => {
		const waited = Date.now() - started;
		return new NodeOperationError(ctx.getNode(), "Aluma's document allowance is full", {
			description: `The API client holds as many documents as Aluma allows (${DEFAULT_DOCUMENT_ALLOWANCE} by default), and no slot became free in the ${Math.round(waited / 1000)} s the node waited. Lower the concurrency, or check for other workflows using the same API client`,
			itemIndex: options.itemIndex,
		});
	};
	const wait = async (pollMs: number, front: boolean): Promise<Turn> => {
		const turn = await waitForTurn({ pollMs, deadline, front, stopped });
		if (turn) return turn;
		if (stopped()) throw stoppedError(ctx.getNode(), 'create the document', options.itemIndex);
		throw fullError();
	};
	let turn = takeTurnNow() ?? (await wait(0, false));
	for (let round = 0; ; round++) {
		const outcome = await create(options).then(
			(document) => ({ document }),
			(error: unknown) => ({ error }),
		);
		if ('document' in outcome) {
			uploadDone(turn, true);
			return outcome.document;
		}
		if (!isDocumentAllowanceError(outcome.error)) {
			uploadDone(turn, false);
			throw outcome.error;
		}
		allowanceFull(turn);
		if (Date.now() >= deadline) throw fullError();
		// Aluma's Retry-After, up to 30 s per pause: the wait as a whole is bounded by waitLimitMs.
		const asked = parseRetryAfter(retryAfterOf(outcome.error));
		const backoff = Math.min(CAP_RETRY_MAX_MS, 250 * 2 ** Math.min(round, 3));
		const delay = asked === undefined ? backoff : Math.min(asked, CAP_RETRY_AFTER_MAX_MS);
		ctx.logger.debug(`Aluma: document allowance full; waiting up to ${delay} ms for a free slot`);
		// A refused waiter keeps its place at the head: first come, first served.
		turn = await wait(delay, true);
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
	documentHeld();
	try {
		return await work(document);
	} finally {
		await deleteDocument(ctx, document.id, { itemIndex }).catch((error: unknown) => {
			// The item's own result or error matters more; Aluma removes idle documents after 10 minutes.
			ctx.logger.warn(`Aluma: could not delete temporary document ${document.id}: ${(error as Error).message}`);
		});
		documentReleased();
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
