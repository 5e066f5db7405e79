// The fake's "document intelligence": deterministic file typing, text (real PDF text, fixed OCR
// text for images), keyword classification and regex extraction. Deterministic so tests can assert
// exact results.
'use strict';

const { LAYOUT, lineArea, readPdfText, hasTextOperators } = require('./pdf');

/**
 * Detects Aluma's `file_type` from content, as Aluma does (never from the Content-Type).
 * @param {Buffer} bytes
 */
function detectFileType(bytes) {
	const head = bytes.subarray(0, 8);
	if (head.toString('latin1', 0, 4) === '%PDF') return hasTextOperators(bytes) ? 'PDF:Misc' : 'PDF:ImageOnly';
	if (head.toString('latin1', 0, 4) === 'II*\0' || head.toString('latin1', 0, 4) === 'MM\0*') return 'Image:TIFF';
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'Image:JPEG';
	if (head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'Image:PNG';
	if (isUtf8Text(bytes)) return 'Text:Plain';
	return 'Unknown';
}

function isUtf8Text(bytes) {
	if (bytes.length === 0) return false;
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		// Control characters other than tab/CR/LF/FF mean binary data, even if it decodes.
		return !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text);
	} catch {
		return false;
	}
}

const OCR_TYPES = new Set(['PDF:ImageOnly', 'Image:TIFF', 'Image:JPEG', 'Image:PNG']);
const TEXT_LINES_PER_PAGE = 45;

/**
 * Pages of text lines for a document. Image-based files get one fixed "OCR" line derived from
 * their sha256, so results are stable per file.
 * @param {{ fileType: string, bytes: Buffer, sha256: string }} file
 * @returns {{ ocr: boolean, pages: { lines: string[], width: number, height: number }[] }}
 */
function documentPages(file) {
	if (file.fileType === 'PDF:Misc') return { ocr: false, ...readPdfText(file.bytes) };
	if (OCR_TYPES.has(file.fileType)) {
		return { ocr: true, pages: [{ lines: [`Scanned page ${file.sha256.slice(0, 8)}`], width: LAYOUT.width, height: LAYOUT.height }] };
	}
	if (file.fileType === 'Text:Plain') {
		const lines = file.bytes.toString('utf8').replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
		const pages = [];
		for (let i = 0; i < lines.length; i += TEXT_LINES_PER_PAGE) {
			pages.push({ lines: lines.slice(i, i + TEXT_LINES_PER_PAGE), width: LAYOUT.width, height: LAYOUT.height });
		}
		return { ocr: false, pages };
	}
	return { ocr: false, pages: [{ lines: [], width: LAYOUT.width, height: LAYOUT.height }] };
}

function documentText(pages) {
	return pages.map((page) => page.lines.join('\n')).join('\n');
}

// ---------------------------------------------------------------------------- classification

/** Margin (in score points) by which the best type must beat the runner-up to be confident. */
const CONFIDENCE_MARGIN = 25;

function countOccurrences(haystack, needle) {
	if (!needle) return 0;
	let count = 0;
	for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) count++;
	return count;
}

const round = (n, digits) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Keyword scoring: each type scores 2 per keyword occurrence plus its baseline (a catch-all type
 * like Letter has baseline 1 so unrelated text lands there). Scores are shares of 100.
 * @param {{ name: string, keywords: string[], baseline: number }[]} types
 * @param {string} text
 */
function classifyText(types, text) {
	const lower = text.toLowerCase();
	const raw = types.map((t) => ({
		document_type: t.name,
		raw: t.baseline + 2 * t.keywords.reduce((sum, k) => sum + countOccurrences(lower, k.toLowerCase()), 0),
	}));
	const total = raw.reduce((sum, r) => sum + r.raw, 0);
	const scores = raw
		.map((r) => ({ document_type: r.document_type, score: round(total ? (100 * r.raw) / total : 100 / raw.length, 4) }))
		.sort((a, b) => b.score - a.score);
	const top = scores[0]?.score ?? 0;
	const second = scores[1]?.score ?? 0;
	return {
		document_type: scores[0]?.document_type ?? null,
		relative_confidence: round(top / Math.max(second, 1), 3),
		is_confident: top - second >= CONFIDENCE_MARGIN && !text.includes('AMBIGUOUS'),
		document_type_scores: scores,
	};
}

// ---------------------------------------------------------------------------- extraction

const AMOUNT = '(?:GBP|EUR|USD|£|€|\\$)?\\s*(\\d{1,3}(?:,\\d{3})*(?:\\.\\d{2})|\\d+\\.\\d{2})';
const amount = (text) => Number(text.replace(/[^\d.]/g, ''));

/** dd/mm/yyyy (UK) or yyyy-mm-dd → yyyy-mm-dd. */
function isoDate(text) {
	const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
	return uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : text;
}

/**
 * Per-line rules by field name. `pattern` has one capture group: the value. `value` types it.
 * @type {Record<string, { pattern: RegExp, value?: (text: string) => unknown }>}
 */
const FIELD_RULES = {
	'Invoice Number': { pattern: /\binvoice\s*(?:number|no\.?|#)\s*:?\s*([A-Za-z0-9][A-Za-z0-9\-/]*)/i },
	'Invoice Date': { pattern: /(?:\binvoice\s+date|^\s*date)\s*:?\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})/i, value: isoDate },
	'Supplier Name': { pattern: /^\s*(?:supplier(?:\s+name)?|from)\s*:\s*(.+?)\s*$/i },
	'Supplier Id': { pattern: /\bsupplier\s+(?:id|number|no\.?)\s*:?\s*([A-Za-z0-9-]+)/i },
	'Net Total': { pattern: new RegExp(`\\bnet\\s+total\\s*:?\\s*${AMOUNT}`, 'i'), value: amount },
	'Tax Total': { pattern: new RegExp(`\\b(?:tax|vat)(?:\\s+total)?\\s*:\\s*${AMOUNT}`, 'i'), value: amount },
	'Gross Total': { pattern: new RegExp(`^\\s*(?:gross\\s+total|total\\s+due|total)\\s*:?\\s*${AMOUNT}`, 'i'), value: amount },
	'Purchase Order Number': { pattern: /\b(?:purchase\s+order|po)\s*(?:number|no\.?|#)\s*:?\s*([A-Za-z0-9][A-Za-z0-9\-/]*)/i },
	Email: { pattern: /([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/ },
	Name: { pattern: /^\s*name\s*:\s*(.+?)\s*$/i },
	'Invoice Type': { pattern: /\b(invoice|credit note|debit note)\b/i, value: (t) => t.replace(/\b\w/g, (c) => c.toUpperCase()) },
};

/** Line items: `Line: <description> | <quantity> | <unit price> | <amount>`. */
const LINE_ITEM = /^\s*line\s*:\s*(.+?)\s*\|\s*(\d+(?:\.\d+)?)\s*\|\s*([\d,]+\.\d{2})\s*\|\s*([\d,]+\.\d{2})\s*$/i;
const LINE_ITEM_COLUMNS = ['Description', 'Quantity', 'Unit Price', 'Amount'];

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule for a field: a known one, a module argument, or "<Field Name>: value". */
function ruleFor(field) {
	if (field.name === 'Text' && field.arguments?.text) {
		return { pattern: new RegExp(`(${escapeRegex(String(field.arguments.text))}.*?)\\s*$`, 'i') };
	}
	if (field.name === 'Purchase Order Number' && field.arguments?.order_number_format) {
		try {
			return { pattern: new RegExp(`(${field.arguments.order_number_format})`) };
		} catch {
			// An invalid regex was rejected when the extractor was created; fall through to the default.
		}
	}
	return FIELD_RULES[field.name] ?? { pattern: new RegExp(`^\\s*${escapeRegex(field.name)}\\s*:\\s*(.+?)\\s*$`, 'i') };
}

function findMatches(pages, pattern) {
	const found = [];
	pages.forEach((page, p) => {
		page.lines.forEach((line, index) => {
			const match = pattern.exec(line);
			if (!match) return;
			const text = match[1];
			const start = match.index + match[0].indexOf(text);
			found.push({ text, area: lineArea(p + 1, index, start, start + text.length) });
		});
	});
	return found;
}

function fieldResult(match, rule, textScore) {
	return {
		text: match.text,
		value: rule.value ? rule.value(match.text) : null,
		rejected: false,
		reject_reason: 'None',
		proximity_score: 100.0,
		match_score: 100.0,
		text_score: textScore,
		areas: [match.area],
	};
}

/**
 * `tabular_results` (INFERRED, Aluma's layout is undocumented), in one of two shapes:
 * `objects`: `{ rows: [ { cells: [ { column_name, text, value } ] } ] }`;
 * `strings`: `{ columns: [names], rows: [ { cells: [text, …] } ] }`.
 */
function tableField(name, pages, cellShape = 'objects') {
	const rows = [];
	for (const page of pages) {
		for (const line of page.lines) {
			const m = LINE_ITEM.exec(line);
			if (!m) continue;
			rows.push({
				cells: LINE_ITEM_COLUMNS.map((column_name, i) => ({
					column_name,
					text: m[i + 1],
					value: i === 0 ? null : amount(m[i + 1]),
				})),
			});
		}
	}
	const empty = rows.length === 0;
	const tabular =
		cellShape === 'strings' ? { columns: LINE_ITEM_COLUMNS, rows: rows.map((row) => ({ cells: row.cells.map((cell) => cell.text) })) } : { rows };
	return {
		field_name: name,
		rejected: empty,
		reject_reason: empty ? 'Empty' : 'None',
		result: null,
		alternatives: null,
		tabular_results: empty ? null : tabular,
	};
}

/**
 * Extraction result in Aluma's extractdata+json shape.
 * @param {{ name: string, alias?: string, table?: boolean, arguments?: Record<string, unknown> }[]} fields
 * @param {{ ocr: boolean, pages: { lines: string[], width: number, height: number }[] }} doc
 * @param {{ legacyFieldNames?: boolean, tableCells?: 'objects' | 'strings' }} [options]
 */
function extractFields(fields, doc, options = {}) {
	const textScore = doc.ocr ? 90.0 : 100.0;
	const field_results = fields.map((field) => {
		const name = field.alias ?? field.name;
		if (field.table) return tableField(name, doc.pages, options.tableCells);
		const rule = ruleFor(field);
		const matches = findMatches(doc.pages, rule.pattern);
		if (matches.length === 0) {
			return { field_name: name, rejected: true, reject_reason: 'Empty', result: null, alternatives: null, tabular_results: null };
		}
		const [first, ...rest] = matches;
		return {
			field_name: name,
			rejected: false,
			reject_reason: 'None',
			result: fieldResult(first, rule, textScore),
			alternatives: rest.length ? rest.map((m) => fieldResult(m, rule, textScore)) : null,
			tabular_results: null,
		};
	});
	const document = {
		page_count: doc.pages.length,
		pages: doc.pages.map((page, i) => ({ page_number: i + 1, width: page.width, height: page.height })),
	};
	if (!options.legacyFieldNames) return { field_results, document };
	// The Waives-era naming seen in an older client fixture.
	return {
		field_results: field_results.map(({ alternatives, ...rest }) => ({ ...rest, alternative_results: alternatives })),
		page_sizes: document,
	};
}

/** The redact+json request format: one mark per area of every found field. */
function redactRequestFrom(extraction) {
	const marks = [];
	for (const field of extraction.field_results) {
		for (const area of field.result?.areas ?? []) marks.push({ name: field.field_name, area });
	}
	return { marks, apply_marks: true, bookmarks: [] };
}

module.exports = { detectFileType, documentPages, documentText, classifyText, extractFields, redactRequestFrom, OCR_TYPES };
