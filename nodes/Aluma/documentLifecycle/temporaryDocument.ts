/**
 * Creates an Aluma document for one item, runs work on it, and deletes it whatever happens (also
 * when the user stops the execution); and the undo that deletes the documents a stopped run created.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { documentHeld, documentReleased } from '../transport/allowance';
import type { AlumaDocument, CallOptions } from '../transport/documents';
import { deleteDocument } from '../transport/documents';
import { createWithSlot } from './createWithSlot';
import type { SourceInfo } from './sources';

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
