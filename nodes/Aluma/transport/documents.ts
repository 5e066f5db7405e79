/**
 * Aluma's Documents API as typed calls: a document's life (create, import, get, list, delete) here,
 * what Aluma does with it in documentProcessing.ts. Operations use these; none of them builds a URL
 * or sets a media type itself.
 */
import type { IDataObject } from 'n8n-workflow';

import { documentSlotFreed } from './allowance';
import type { BodyFactory } from './request';
import { alumaRequest } from './request';
import type { AlumaContext } from './tokenSession';
import { ROUTES } from './routes';

// Callers outside transport/ import the processing calls from here.
export type { ReadFormat, RedactionRequest } from './documentProcessing';
export { classifyDocument, extractDocument, getReadFile, getReadText, readDocument, redactDocument } from './documentProcessing';

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
