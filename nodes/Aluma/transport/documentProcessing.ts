/**
 * What Aluma does with a document: read (OCR), classify, extract and redact. Their routes are
 * marked `processing` in routes.ts, for the long timeout such work needs.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallOptions } from './documents';
import type { FileAnswer } from './download';
import type { Refusal } from './errors';
import { downloadFile } from './download';
import { alumaRequest } from './request';
import type { AlumaContext } from './tokenSession';
import { MEDIA_TYPES, ROUTES } from './routes';

export type ReadFormat = 'text' | 'pdf' | 'zip';

const READ_ACCEPT: Record<ReadFormat, string> = {
	text: MEDIA_TYPES.text,
	pdf: MEDIA_TYPES.pdf,
	zip: MEDIA_TYPES.readZip,
};

/** Runs OCR (Aluma blocks until done); the result is then fetched in the format asked for. */
export async function readDocument(ctx: AlumaContext, documentId: string, options: CallOptions = {}): Promise<void> {
	await alumaRequest(ctx, {
		route: ROUTES.readDocument,
		params: { documentId },
		responseType: 'none',
		what: 'read the document',
		...options,
	});
}

/**
 * Aluma refuses a result asked for before any read (its clients say so; the status is not
 * documented, so both a 400 and a 409 are read as that): say what to run first.
 */
function noReadYet(documentId: string): Refusal {
	return {
		statuses: [400, 409],
		message: `Document "${documentId}" has no read result yet`,
		advice: 'Run Read Stored Document on it first; Get Read Result then returns that read in any format without reading again',
	};
}

/** The text of the document's last read. */
export async function getReadText(ctx: AlumaContext, documentId: string, options: CallOptions = {}): Promise<string> {
	const { body } = await alumaRequest<string>(ctx, {
		route: ROUTES.getReadResult,
		params: { documentId },
		accept: READ_ACCEPT.text,
		responseType: 'text',
		what: 'get the read result',
		refused: noReadYet(documentId),
		...options,
	});
	return body;
}

/** The document's last read as a searchable PDF or read ZIP, downloaded into n8n's binary data. */
export async function getReadFile(
	ctx: IExecuteFunctions,
	documentId: string,
	format: Exclude<ReadFormat, 'text'>,
	file: { fileName: string; mimeType: string },
	options: CallOptions = {},
): Promise<FileAnswer> {
	const { body } = await downloadFile(
		ctx,
		{ route: ROUTES.getReadResult, params: { documentId }, accept: READ_ACCEPT[format], what: 'get the read result', refused: noReadYet(documentId), ...options },
		() => file,
	);
	return body;
}

export async function classifyDocument(
	ctx: AlumaContext,
	documentId: string,
	classifierName: string,
	options: CallOptions = {},
): Promise<IDataObject> {
	const { body } = await alumaRequest<IDataObject>(ctx, {
		route: ROUTES.classifyDocument,
		params: { documentId, classifierName },
		what: `classify the document with the classifier "${classifierName}"`,
		...options,
	});
	return body;
}

export async function extractDocument(
	ctx: AlumaContext,
	documentId: string,
	extractorName: string,
	options: CallOptions & { redactionRequest?: boolean } = {},
): Promise<IDataObject> {
	const { redactionRequest, ...rest } = options;
	const { body } = await alumaRequest<IDataObject>(ctx, {
		route: ROUTES.extractDocument,
		params: { documentId, extractorName },
		accept: redactionRequest ? MEDIA_TYPES.redactRequest : MEDIA_TYPES.extractData,
		what: `extract data with the extractor "${extractorName}"`,
		...rest,
	});
	return body;
}

export interface RedactionRequest extends IDataObject {
	marks: IDataObject[];
	apply_marks?: boolean;
	bookmarks?: IDataObject[];
}

/** Redacts the document; the redacted PDF goes into n8n's binary data as `fileName`. */
export async function redactDocument(
	ctx: IExecuteFunctions,
	documentId: string,
	request: RedactionRequest,
	fileName: string,
	options: CallOptions = {},
): Promise<FileAnswer> {
	const { body } = await downloadFile(
		ctx,
		{ route: ROUTES.redactDocument, params: { documentId }, json: request, accept: MEDIA_TYPES.pdf, what: 'redact the document', ...options },
		() => ({ fileName, mimeType: MEDIA_TYPES.pdf }),
	);
	return body;
}
