/**
 * Binary input, read through n8n's helpers. Files n8n keeps on disk (filesystem binary mode) are
 * streamed to Aluma instead of being loaded into memory; in-memory binaries are sent as the buffer
 * n8n already has. (Files from Aluma are streamed into n8n's binary data by transport/download.ts.)
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

import type { BodyFactory } from './transport/request';

export interface UploadSource {
	body: BodyFactory;
	/** Present when n8n holds the file in memory (then it is also hashed to verify the upload). */
	buffer?: Buffer;
	mimeType: string;
	fileName: string;
	byteLength: number;
}

const GENERIC_MIME = 'application/octet-stream';

function byteLengthOf(binary: IBinaryData): number | undefined {
	if (typeof binary.bytes === 'number') return binary.bytes;
	return undefined;
}

/**
 * Reads the binary property named by the parameter `parameterName` of item `itemIndex`.
 * Errors name the parameter, the property and the item, and say how to fix it.
 */
export async function readUploadSource(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameterName: string,
	parameterLabel: string,
): Promise<UploadSource> {
	const propertyName = String(ctx.getNodeParameter(parameterName, itemIndex, 'data')).trim();
	if (propertyName === '') {
		throw new NodeOperationError(ctx.getNode(), `The parameter "${parameterLabel}" is empty`, {
			description: 'Enter the name of the binary property that holds the file, usually "data"',
			itemIndex,
		});
	}
	const item = ctx.getInputData()[itemIndex];
	const available = Object.keys(item?.binary ?? {});
	let binary: IBinaryData;
	try {
		binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex} has no binary property "${propertyName}" (parameter "${parameterLabel}")`,
			{
				description: available.length
					? `This item has the binary properties: ${available.join(', ')}. Set "${parameterLabel}" to one of them`
					: 'This item has no binary data. Add a node before this one that reads or downloads the file (e.g. Read/Write Files from Disk or HTTP Request)',
				itemIndex,
			},
		);
	}
	const mimeType = binary.mimeType || GENERIC_MIME;
	const fileName = binary.fileName || `${propertyName}`;
	if (binary.id) {
		const binaryId = binary.id;
		const metadata = await ctx.helpers.getBinaryMetadata(binaryId);
		const byteLength = Number(metadata.fileSize ?? byteLengthOf(binary) ?? 0);
		assertNotEmpty(ctx, itemIndex, propertyName, parameterLabel, byteLength);
		return { body: async () => await ctx.helpers.getBinaryStream(binaryId), mimeType, fileName, byteLength };
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
	assertNotEmpty(ctx, itemIndex, propertyName, parameterLabel, buffer.length);
	return { body: () => buffer, buffer, mimeType, fileName, byteLength: buffer.length };
}

function assertNotEmpty(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	parameterLabel: string,
	byteLength: number,
): void {
	if (byteLength > 0) return;
	const message = `The file in binary property "${propertyName}" of item ${itemIndex} is empty (parameter "${parameterLabel}")`;
	throw new NodeOperationError(ctx.getNode(), message, {
		description: 'Aluma cannot process an empty file. Check the node that produced the file',
		itemIndex,
	});
}

/**
 * The first `length` bytes of the file in the binary property named by `parameterName`, e.g. to
 * tell its type from its signature. A file n8n keeps on disk is read only that far.
 */
export async function readFileStart(ctx: IExecuteFunctions, itemIndex: number, parameterName: string, length: number): Promise<Buffer> {
	const propertyName = String(ctx.getNodeParameter(parameterName, itemIndex, 'data')).trim();
	const binary = ctx.helpers.assertBinaryData(itemIndex, propertyName);
	// In memory the file is base64: decode only the characters that hold the first bytes.
	if (!binary.id) return Buffer.from(binary.data.slice(0, Math.ceil(length / 3) * 4), BINARY_ENCODING).subarray(0, length);
	const stream = await ctx.helpers.getBinaryStream(binary.id, length);
	const chunks: Buffer[] = [];
	let read = 0;
	try {
		for await (const chunk of stream) {
			chunks.push(Buffer.from(chunk as Buffer));
			read += (chunk as Buffer).length;
			if (read >= length) break;
		}
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, length);
}
