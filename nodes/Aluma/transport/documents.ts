/**
 * Aluma's Documents API as typed calls. Operations use these; none of them
 * builds a URL or sets a media type itself.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { documentSlotFreed } from './allowance';
import type { FileAnswer } from './download';
import { downloadFile } from './download';
import type { BodyFactory } from './request';
import { alumaRequest } from './request';
import type { AlumaContext } from './tokenSession';
import { MEDIA_TYPES, ROUTES } from './routes';

export interface AlumaFile extends IDataObject {
	id: string;
	file_type?: string;
	size?: number;
	sha256?: string;
}

export interface AlumaDocument extends IDataObject {
	id: string;
	_embedded?: { files?: AlumaFile[] };
}

export interface CallOptions {
	itemIndex?: number;
	timeoutMs?: number;
	/** The 404 message, when the document ID came from a parameter the user can fix. */
	notFound?: string;
}

/** What a 404 means for a document the user gave by its ID (its own parameter, as for tasks and projects). */
export const documentNotFound = (documentId: string): string => `No Aluma document has the ID "${documentId}" (parameter "Document ID")`;

export async function createDocumentFromFile(
	ctx: AlumaContext,
	file: { body: BodyFactory; mimeType: string; byteLength: number },
	options: CallOptions = {},
): Promise<AlumaDocument> {
	// Aluma treats a JSON content type as a URL import, so a JSON file goes up as bytes.
	const contentType = /json/i.test(file.mimeType) ? 'application/octet-stream' : file.mimeType;
	const { body } = await alumaRequest<AlumaDocument>(ctx, {
		route: ROUTES.createDocument,
		headers: { 'Content-Type': contentType, 'Content-Length': file.byteLength },
		body: file.body,
		what: 'create the document',
		...options,
	});
	return body;
}

export async function importDocumentFromUrl(ctx: AlumaContext, url: string, options: CallOptions = {}): Promise<AlumaDocument> {
	const { body } = await alumaRequest<AlumaDocument>(ctx, {
		route: ROUTES.createDocument,
		json: { url },
		what: 'import the document from the URL',
		...options,
	});
	return body;
}

export async function getDocument(ctx: AlumaContext, documentId: string, options: CallOptions = {}): Promise<AlumaDocument> {
	const { body } = await alumaRequest<AlumaDocument>(ctx, {
		route: ROUTES.getDocument,
		params: { documentId },
		what: 'get the document',
		...options,
	});
	return body;
}

export async function listDocuments(ctx: AlumaContext, options: CallOptions = {}): Promise<AlumaDocument[]> {
	const { body } = await alumaRequest<{ documents?: AlumaDocument[] }>(ctx, {
		route: ROUTES.listDocuments,
		what: 'list the documents',
		...options,
	});
	return Array.isArray(body?.documents) ? body.documents : [];
}

/** Returns false when the document was already gone (deleted elsewhere or expired after 10 minutes idle). */
export async function deleteDocument(ctx: AlumaContext, documentId: string, options: CallOptions = {}): Promise<boolean> {
	const { statusCode } = await alumaRequest(ctx, {
		route: ROUTES.deleteDocument,
		params: { documentId },
		responseType: 'none',
		acceptStatuses: [404],
		what: 'delete the document',
		...options,
	});
	documentSlotFreed();
	return statusCode !== 404;
}

export type ReadFormat = 'text' | 'pdf' | 'zip';

const READ_ACCEPT: Record<ReadFormat, string> = {
	text: MEDIA_TYPES.text,
	pdf: MEDIA_TYPES.pdf,
	zip: MEDIA_TYPES.readZip,
};

/** Runs OCR (Aluma blocks until done); the result is then fetched in the format asked for. */
async function runRead(ctx: AlumaContext, documentId: string, options: CallOptions): Promise<void> {
	await alumaRequest(ctx, {
		route: ROUTES.readDocument,
		params: { documentId },
		responseType: 'none',
		what: 'read the document',
		...options,
	});
}

export async function readDocumentText(ctx: AlumaContext, documentId: string, options: CallOptions = {}): Promise<string> {
	await runRead(ctx, documentId, options);
	const { body } = await alumaRequest<string>(ctx, {
		route: ROUTES.getReadResult,
		params: { documentId },
		accept: READ_ACCEPT.text,
		responseType: 'text',
		what: 'get the read result',
		...options,
	});
	return body;
}

/** Reads the document and downloads the result (searchable PDF or read ZIP) into n8n's binary data. */
export async function readDocumentFile(
	ctx: IExecuteFunctions,
	documentId: string,
	format: Exclude<ReadFormat, 'text'>,
	file: { fileName: string; mimeType: string },
	options: CallOptions = {},
): Promise<FileAnswer> {
	await runRead(ctx, documentId, options);
	const { body } = await downloadFile(
		ctx,
		{ route: ROUTES.getReadResult, params: { documentId }, accept: READ_ACCEPT[format], what: 'get the read result', ...options },
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
