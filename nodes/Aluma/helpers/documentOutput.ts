import type { IDataObject } from 'n8n-workflow';

import type { AlumaDocument, AlumaFile } from '../transport/documents';

/** The document fields a workflow uses, flat; the file list stays as Aluma sent it. */
export function documentJson(document: AlumaDocument): IDataObject {
	const files: AlumaFile[] = Array.isArray(document._embedded?.files) ? document._embedded.files : [];
	const first = files[0];
	return {
		id: document.id,
		fileType: first?.file_type ?? null,
		size: first?.size ?? null,
		sha256: first?.sha256 ?? null,
		files,
	};
}

/** Redaction works only on documents made from PDF or TIFF files (Aluma docs). */
export function isRedactable(fileType: unknown): boolean {
	return typeof fileType === 'string' && (/^PDF:/i.test(fileType) || /^Image:TIFF$/i.test(fileType));
}

export function isRedactableMime(mimeType: string): boolean {
	return /^application\/pdf$|^image\/tiff?$/i.test(mimeType.split(';')[0].trim());
}
