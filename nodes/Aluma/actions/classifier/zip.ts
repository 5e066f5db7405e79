import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UploadSource } from '../../binaryInput';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b]);

/** A zip starts with "PK"; checking first saves an upload that Aluma would refuse. */
export async function assertZip(ctx: IExecuteFunctions, itemIndex: number, upload: UploadSource, label: string): Promise<void> {
	let head = upload.buffer;
	if (!head) {
		// Only the first chunk of a file n8n keeps on disk is read; leaving the loop closes the stream.
		for await (const chunk of (await upload.body()) as AsyncIterable<Buffer>) {
			head = Buffer.from(chunk);
			break;
		}
	}
	head ??= Buffer.alloc(0);
	if (head.subarray(0, 2).equals(ZIP_MAGIC)) return;
	throw new NodeOperationError(ctx.getNode(), `The file "${upload.fileName}" is not a zip file (parameter "Input Binary Field")`, {
		description: `${label} must be a zip archive`,
		itemIndex,
	});
}
