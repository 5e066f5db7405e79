/** File names for outputs and downloads, derived from an input's name or a URL. */

/** "invoice.pdf" → "invoice-redacted.pdf"; keeps names readable when outputs derive from inputs. */
export function deriveFileName(original: string | undefined, suffix: string, extension: string): string {
	const base = (original ?? 'document').replace(/\.[^./\\]+$/, '') || 'document';
	return `${base}${suffix}.${extension}`;
}

/**
 * The last segment of a URL's or an API path's path, percent-decoded ("report%201.pdf?v=2" →
 * "report 1.pdf"), or '' when it has none: the file name of a download or import with no other name.
 */
export function fileNameFromUrl(url: string): string {
	let pathname: string;
	try {
		pathname = new URL(url, 'http://relative.invalid/').pathname;
	} catch {
		pathname = url.split(/[?#]/)[0];
	}
	const last = pathname.split('/').filter(Boolean).pop() ?? '';
	try {
		return decodeURIComponent(last);
	} catch {
		return last;
	}
}
