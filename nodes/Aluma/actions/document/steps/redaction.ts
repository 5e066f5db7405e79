/**
 * The redact step shared by "Redact Stored Document" and "Redact File": the request to Aluma for a
 * plan read beforehand (redactionPlan.ts), and the redacted PDF as an output item.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deriveFileName } from '../../../helpers/fileNames';
import type { RedactionRequest } from '../../../transport/documents';
import { extractDocument, redactDocument } from '../../../transport/documents';
import type { ProcessingOptions } from '../fields';
import { stepCall } from '../fields';
import { modelNotFoundError } from './modelNotFoundError';
import type { RedactPlan } from './redactionPlan';

async function buildRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	options: ProcessingOptions,
	plan: RedactPlan,
): Promise<RedactionRequest> {
	if ('request' in plan) return plan.request;
	const { extractor, applyMarks, bookmarks } = plan;
	// Aluma builds the marks itself when asked for the redaction request format.
	const fromExtractor = (await extractDocument(ctx, documentId, extractor, { ...stepCall(itemIndex, options), redactionRequest: true }).catch(async (error: unknown) => {
		throw await modelNotFoundError(ctx, error, { kind: 'extractor', name: extractor, label: 'Extractor' }, documentId, itemIndex);
	})) as RedactionRequest;
	const marks = Array.isArray(fromExtractor.marks) ? fromExtractor.marks : [];
	const combined = [...(Array.isArray(fromExtractor.bookmarks) ? fromExtractor.bookmarks : []), ...bookmarks];
	return { ...fromExtractor, marks, apply_marks: applyMarks, bookmarks: combined };
}

export function refuseUnredactable(ctx: IExecuteFunctions, itemIndex: number, why: string): never {
	throw new NodeOperationError(ctx.getNode(), `Aluma can only redact PDF and TIFF documents; ${why}`, {
		description: 'Convert the file to PDF first, or send a PDF or TIFF file',
		itemIndex,
	});
}

/** Redacts a document already known to be PDF or TIFF and returns the redacted PDF as an item. */
export async function runRedact(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	originalName: string | undefined,
	options: ProcessingOptions,
	plan: RedactPlan,
): Promise<INodeExecutionData> {
	const request = await buildRequest(ctx, itemIndex, documentId, options, plan);
	const fileName = deriveFileName(originalName ?? documentId, '-redacted', 'pdf');
	const field = (ctx.getNodeParameter('outputBinaryField', itemIndex, 'data') as string) || 'data';
	const pdf = await redactDocument(ctx, documentId, request, fileName, stepCall(itemIndex, options));
	return {
		json: { documentId, fileName, marks: request.marks.length, applied: request.apply_marks !== false },
		binary: { [field]: pdf.binary },
	};
}
