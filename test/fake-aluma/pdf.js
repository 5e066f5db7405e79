// Minimal PDF writer and text reader. The writer produces small but correct PDFs (exact xref
// offsets, Helvetica text, optional black boxes, redaction annotations and bookmarks), used for
// searchable-PDF reads, redaction output and the test fixtures. The reader only understands
// uncompressed content streams with `(...) Tj` / `[...] TJ`, which is all the fake needs.
'use strict';

/** One text line per 16 pt from the top margin; the same grid is used to report field areas. */
const LAYOUT = { margin: 72, lineHeight: 16, fontSize: 12, charWidth: 6, width: 595, height: 842 };

/** Area (PDF points from the top-left) of characters [start, end) of line `index` on a page. */
function lineArea(pageNumber, index, start, end) {
	const top = LAYOUT.margin + index * LAYOUT.lineHeight;
	return {
		top,
		left: LAYOUT.margin + start * LAYOUT.charWidth,
		bottom: top + LAYOUT.fontSize,
		right: LAYOUT.margin + end * LAYOUT.charWidth,
		page_number: pageNumber,
	};
}

/** PDF literal string; characters outside printable ASCII become '?' (the font is WinAnsi Helvetica). */
function pdfString(text) {
	const ascii = String(text).replace(/[^\x20-\x7e]/g, '?');
	return '(' + ascii.replace(/[\\()]/g, (c) => '\\' + c) + ')';
}

/**
 * @typedef {{ top: number, left: number, bottom: number, right: number }} Box  points from top-left
 * @typedef {{ lines: string[], boxes?: Box[], redactAnnotations?: Box[], footer?: string }} PdfPage
 * @typedef {{ title?: string, pages: PdfPage[], bookmarks?: { text: string, page_number: number }[] }} PdfSpec
 */

/**
 * Builds a PDF. Line k of a page is drawn at the LAYOUT grid, so `lineArea` describes it.
 * @param {PdfSpec} spec
 * @returns {Buffer}
 */
function buildPdf(spec) {
	const pages = spec.pages.length ? spec.pages : [{ lines: [] }];
	const bookmarks = (spec.bookmarks ?? []).filter((b) => b.page_number >= 1 && b.page_number <= pages.length);
	/** @type {string[]} object bodies, index i is object number i+1 */
	const objects = [];
	const add = (body) => objects.push(body) && objects.length;
	const reserve = () => add('');

	const catalog = reserve();
	const pagesRoot = reserve();
	const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
	const info = add(`<< /Producer ${pdfString('fake-aluma')} /Title ${pdfString(spec.title ?? 'Document')} >>`);
	const pageIds = [];
	for (const page of pages) {
		const ops = [];
		for (const box of page.boxes ?? []) {
			const h = box.bottom - box.top;
			ops.push(`0 0 0 rg ${box.left} ${LAYOUT.height - box.bottom} ${box.right - box.left} ${h} re f`);
		}
		page.lines.forEach((line, k) => {
			const baseline = LAYOUT.height - (LAYOUT.margin + k * LAYOUT.lineHeight) - 10;
			ops.push(`BT /F1 ${LAYOUT.fontSize} Tf 0 0 0 rg ${LAYOUT.margin} ${baseline} Td ${pdfString(line)} Tj ET`);
		});
		if (page.footer) ops.push(`BT /F1 9 Tf ${LAYOUT.margin} 36 Td ${pdfString(page.footer)} Tj ET`);
		const content = ops.join('\n') + '\n';
		const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`);
		const annots = (page.redactAnnotations ?? []).map((box) =>
			add(`<< /Type /Annot /Subtype /Redact /Rect [${box.left} ${LAYOUT.height - box.bottom} ${box.right} ${LAYOUT.height - box.top}] /OC [0 0 0] >>`),
		);
		const annotsEntry = annots.length ? ` /Annots [${annots.map((n) => `${n} 0 R`).join(' ')}]` : '';
		pageIds.push(
			add(
				`<< /Type /Page /Parent ${pagesRoot} 0 R /MediaBox [0 0 ${LAYOUT.width} ${LAYOUT.height}] ` +
					`/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R${annotsEntry} >>`,
			),
		);
	}
	objects[pagesRoot - 1] = `<< /Type /Pages /Kids [${pageIds.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

	let outlinesEntry = '';
	if (bookmarks.length) {
		const outlines = reserve();
		const itemIds = bookmarks.map(() => reserve());
		bookmarks.forEach((b, i) => {
			const links = [i > 0 ? `/Prev ${itemIds[i - 1]} 0 R` : '', i < itemIds.length - 1 ? `/Next ${itemIds[i + 1]} 0 R` : '']
				.filter(Boolean)
				.join(' ');
			objects[itemIds[i] - 1] =
				`<< /Title ${pdfString(b.text)} /Parent ${outlines} 0 R /Dest [${pageIds[b.page_number - 1]} 0 R /Fit] ${links} >>`;
		});
		objects[outlines - 1] =
			`<< /Type /Outlines /First ${itemIds[0]} 0 R /Last ${itemIds[itemIds.length - 1]} 0 R /Count ${itemIds.length} >>`;
		outlinesEntry = ` /Outlines ${outlines} 0 R /PageMode /UseOutlines`;
	}
	objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesRoot} 0 R${outlinesEntry} >>`;

	// Offsets are byte positions; latin1 keeps one byte per character.
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets = objects.map((body, i) => {
		const offset = Buffer.byteLength(out, 'latin1');
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
		return offset;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** Reads one literal string starting at `(`; returns its decoded text and the index after `)`. */
function readLiteral(src, start) {
	let depth = 0;
	let text = '';
	for (let i = start; i < src.length; i++) {
		const c = src[i];
		if (c === '\\') {
			const next = src[i + 1];
			const octal = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
			if (octal) {
				text += String.fromCharCode(parseInt(octal[0], 8));
				i += octal[0].length;
				continue;
			}
			const escapes = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
			if (next === '\n') text += '';
			else text += escapes[next] ?? next;
			i += 1;
			continue;
		}
		if (c === '(') {
			depth += 1;
			if (depth === 1) continue;
		} else if (c === ')') {
			depth -= 1;
			if (depth === 0) return { text, end: i + 1 };
		}
		text += c;
	}
	return { text, end: src.length };
}

/** Text lines shown by one content stream: each `Tj` or `TJ` is one line. */
function streamLines(content) {
	const lines = [];
	/** @type {string[]} */
	let pending = [];
	let inArray = false;
	let i = 0;
	while (i < content.length) {
		const c = content[i];
		if (c === '(') {
			const literal = readLiteral(content, i);
			pending.push(literal.text);
			i = literal.end;
			continue;
		}
		if (c === '[') inArray = true;
		else if (c === ']') inArray = false;
		else if (c === 'T' && (content[i + 1] === 'j' || content[i + 1] === 'J') && !/[A-Za-z]/.test(content[i + 2] ?? ' ')) {
			if (pending.length) lines.push(pending.join(''));
			pending = [];
			i += 2;
			continue;
		} else if (!inArray && /[A-Za-z'"]/.test(c)) {
			// Any other operator ends the operand list; strings not shown by Tj/TJ are dropped.
			if (!/[A-Za-z]/.test(content[i - 1] ?? ' ')) pending = [];
		}
		i += 1;
	}
	return lines;
}

/** Whether the bytes look like a PDF with a text layer (text-showing operators). */
function hasTextOperators(buffer) {
	return /(\)|\])\s*T[jJ]\b/.test(buffer.toString('latin1'));
}

/**
 * Pages and their text lines from uncompressed content streams (compressed streams are skipped,
 * as the fake has no content decoder for them).
 * @param {Buffer} buffer
 * @returns {{ pages: { lines: string[], width: number, height: number }[] }}
 */
function readPdfText(buffer) {
	const src = buffer.toString('latin1');
	const pageCount = (src.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
	const boxes = [...src.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => ({
		width: Number(m[3]) - Number(m[1]),
		height: Number(m[4]) - Number(m[2]),
	}));
	const texts = [];
	const streamPattern = />>\s*stream\r?\n/g;
	let match;
	while ((match = streamPattern.exec(src))) {
		const start = match.index + match[0].length;
		const end = src.indexOf('endstream', start);
		if (end < 0) break;
		const dictionary = src.slice(Math.max(0, src.lastIndexOf(' obj', match.index)), match.index);
		if (!/\/Filter/.test(dictionary)) {
			const lines = streamLines(src.slice(start, end));
			if (lines.length) texts.push(lines);
		}
		streamPattern.lastIndex = end;
	}
	const count = Math.max(pageCount, texts.length, 1);
	const pages = [];
	for (let p = 0; p < count; p++) {
		const box = boxes[p] ?? boxes[0] ?? { width: LAYOUT.width, height: LAYOUT.height };
		pages.push({ lines: texts[p] ?? [], width: box.width, height: box.height });
	}
	return { pages };
}

module.exports = { LAYOUT, lineArea, buildPdf, readPdfText, hasTextOperators };
