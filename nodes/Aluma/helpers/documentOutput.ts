import type { IDataObject } from 'n8n-workflow';

/** The part of Aluma's document answer read here (AlumaDocument in the transport is the whole), so helpers need no transport import. */
interface DocumentAnswer {
	id: string;
	_embedded?: { files?: StoredFile[] };
}
type StoredFile = IDataObject & { file_type?: string; size?: number; sha256?: string };

/** The document fields a workflow uses, flat; the file list stays as Aluma sent it. */
export function documentJson(document: DocumentAnswer): IDataObject {
	const files: StoredFile[] = Array.isArray(document._embedded?.files) ? document._embedded.files : [];
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

/** How many bytes `isRedactableContent` needs: a PDF header may follow up to 1 KiB of junk (Acrobat accepts that). */
export const SIGNATURE_BYTES = 1024;

/**
 * Whether a file's first bytes are a PDF ("%PDF-") or TIFF ("II*\0" or "MM\0*") signature. MIME
 * labels lie (mail attachments and downloads often say application/octet-stream); bytes do not.
 */
export function isRedactableContent(start: Buffer): boolean {
	const head = start.subarray(0, 4).toString('latin1');
	return head === 'II*\0' || head === 'MM\0*' || start.subarray(0, SIGNATURE_BYTES).includes('%PDF-', 0, 'latin1');
}
