// Documents API (A1–A5): create (upload or URL import), get, list, delete, read, classify,
// extract and redact. Legacy `{message}` errors except where Aluma documents RFC 7807 (import 422).
'use strict';

const { download } = require('./download');
const http = require('./http');
const { detectFileType, documentPages, documentText, classifyText, extractFields, redactRequestFrom } = require('./analysis');
const { buildPdf, lineArea, LAYOUT } = require('./pdf');
const { sendPaddedPdf } = require('./bigFile');
const { writeZip } = require('./zip');
const { route } = require('./router');

const MEDIA = {
	extractData: 'application/vnd.waives.resultformats.extractdata+json',
	redactRequest: 'application/vnd.waives.requestformats.redact+json',
	readZip: 'application/vnd.waives.resultformats.read+zip',
};

/** The document resource exactly as Aluma's clients show it. */
function documentResource(doc) {
	const self = `/documents/${doc.id}`;
	return {
		id: doc.id,
		_links: {
			self: { href: self },
			'document:read': { href: `${self}/reads` },
			'document:classify': { href: `${self}/classify/{classifier_name}`, templated: true },
			'document:extract': { href: `${self}/extract/{extractor_name}`, templated: true },
		},
		_embedded: { files: [{ id: doc.fileId, file_type: doc.fileType, size: doc.size, sha256: doc.sha256 }] },
	};
}

/** Sends the cap error and returns false when no document slot is free. */
function checkCap(ctx) {
	const { documentCap, documentCapStatus, documentCapAnswer, documentCapRetryAfter } = ctx.state.config;
	if (ctx.state.documents.size < documentCap) return true;
	ctx.state.counters.documentCapAnswers += 1;
	const headers = documentCapRetryAfter ? { 'Retry-After': documentCapRetryAfter } : {};
	if (documentCapAnswer === 'problem') {
		http.sendProblem(ctx.res, documentCapStatus, 'document-limit-reached', 'Document limit reached', 'Delete a document, then try again.', headers);
		return false;
	}
	http.sendLegacyError(
		ctx.res,
		documentCapStatus,
		`The maximum number of documents (${documentCap}) has been reached. Delete documents to free up space.`,
		undefined,
		headers,
	);
	return false;
}

function storeDocument(ctx, bytes) {
	if (!checkCap(ctx)) return;
	const now = Date.now();
	const doc = {
		id: http.newId(),
		fileId: http.newId(),
		fileType: detectFileType(bytes),
		size: bytes.length,
		sha256: http.sha256Hex(bytes),
		bytes,
		createdAt: now,
		lastUsedAt: now,
		readAt: null,
	};
	const { state } = ctx;
	state.documents.set(doc.id, doc);
	state.counters.documentsCreated += 1;
	state.counters.peakLiveDocuments = Math.max(state.counters.peakLiveDocuments, state.documents.size);
	http.sendJson(ctx.res, 201, documentResource(doc), undefined, { Location: `/documents/${doc.id}` });
}

async function createDocument(ctx) {
	if (http.mediaType(ctx.req.headers['content-type']) === 'application/json') return importDocument(ctx);
	if (ctx.body.length === 0) {
		return http.sendLegacyError(ctx.res, 400, 'The request body is empty.', { body: ['A file is required.'] });
	}
	return storeDocument(ctx, ctx.body);
}

async function importDocument(ctx) {
	const input = http.parseJson(ctx.body);
	const fail = (detail) => http.sendProblem(ctx.res, 422, 'document-import-failed', 'The document could not be imported', detail);
	if (!input || typeof input !== 'object' || typeof input.url !== 'string') {
		return fail('The request body must be a JSON object with a string "url".');
	}
	let url;
	try {
		url = new URL(input.url);
	} catch {
		return fail(`"${input.url}" is not a valid URL.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('Only http and https URLs can be imported.');
	if (!checkCap(ctx)) return;
	const { importTimeoutMs, maxFileBytes } = ctx.state.config;
	let bytes;
	try {
		const local = ctx.state.config.importHosts[url.hostname];
		const target = local ? new URL(`${url.pathname}${url.search}`, local) : url;
		bytes = await download(target, { timeoutMs: importTimeoutMs, maxBytes: maxFileBytes, signal: ctx.signal });
	} catch (error) {
		return fail(`Downloading ${url.origin}${url.pathname} failed: ${error.message}.`);
	}
	if (bytes.length === 0) return fail(`Downloading ${url.origin}${url.pathname} returned an empty file.`);
	return storeDocument(ctx, bytes);
}

/** Looks up the document of the path and marks it used (resetting its idle timer). */
function findDocument(ctx) {
	const doc = ctx.state.documents.get(ctx.params.id);
	if (!doc) {
		http.sendLegacyError(ctx.res, 404, `The document '${ctx.params.id}' was not found.`);
		return null;
	}
	doc.lastUsedAt = Date.now();
	return doc;
}

/**
 * Runs slow "processing" work: the configured latency first, counted in inFlightProcessing.
 * @template T
 * @param {import('./router').Context} ctx
 * @param {() => T} work
 */
async function processing(ctx, work) {
	const counters = ctx.state.counters;
	counters.inFlightProcessing += 1;
	counters.peakInFlightProcessing = Math.max(counters.peakInFlightProcessing, counters.inFlightProcessing);
	try {
		if (ctx.state.config.latencyMs > 0) await ctx.sleep(ctx.state.config.latencyMs);
		return work();
	} finally {
		counters.inFlightProcessing = Math.max(0, counters.inFlightProcessing - 1);
	}
}

const analyse = (doc) => documentPages({ fileType: doc.fileType, bytes: doc.bytes, sha256: doc.sha256 });

async function readDocument(ctx) {
	const doc = findDocument(ctx);
	if (!doc) return;
	await processing(ctx, () => {
		doc.readAt = Date.now();
		const self = `/documents/${doc.id}/reads`;
		http.sendJson(ctx.res, 200, { _links: { self: { href: self, method: 'PUT' }, parent: { href: `/documents/${doc.id}` } } });
	});
}

function getReadResult(ctx) {
	const doc = findDocument(ctx);
	if (!doc) return;
	if (doc.readAt === null) return http.sendLegacyError(ctx.res, 400, 'The document has not been read');
	const type = http.negotiate(ctx.req.headers.accept, ['text/plain', 'application/pdf', MEDIA.readZip], 'text/plain');
	if (!type) return http.sendLegacyError(ctx.res, 406, `Read results are available as text/plain, application/pdf or ${MEDIA.readZip}.`);
	const { pages } = analyse(doc);
	const text = documentText(pages);
	if (type === 'text/plain') return http.send(ctx.res, 200, { 'Content-Type': 'text/plain; charset=utf-8' }, text);
	if (type === 'application/pdf') {
		const pdf = buildPdf({ title: 'Read result', pages });
		const padding = ctx.state.config.readPdfPaddingBytes;
		return padding > 0 ? sendPaddedPdf(ctx.res, pdf, padding) : http.send(ctx.res, 200, { 'Content-Type': 'application/pdf' }, pdf);
	}
	const detail = {
		document_id: doc.id,
		file_type: doc.fileType,
		page_count: pages.length,
		pages: pages.map((page, p) => ({
			page_number: p + 1,
			width: page.width,
			height: page.height,
			lines: page.lines.map((line, k) => ({ text: line, area: lineArea(p + 1, k, 0, line.length) })),
		})),
	};
	const zip = writeZip([
		{ name: 'document.json', data: JSON.stringify(detail, null, 2), deflate: true },
		{ name: 'text.txt', data: text, deflate: true },
	]);
	return http.send(ctx.res, 200, { 'Content-Type': MEDIA.readZip }, zip);
}

async function classifyDocument(ctx) {
	const doc = findDocument(ctx);
	if (!doc) return;
	const classifier = ctx.state.classifiers.get(ctx.params.classifier);
	if (!classifier) return http.sendLegacyError(ctx.res, 404, `The classifier '${ctx.params.classifier}' was not found.`);
	if (classifier.types.length === 0) {
		return http.sendLegacyError(ctx.res, 400, `The classifier '${classifier.name}' has no document types; add samples first.`);
	}
	await processing(ctx, () => {
		const classification_results = classifyText(classifier.types, documentText(analyse(doc).pages));
		http.sendJson(ctx.res, 200, { document_id: doc.id, classification_results });
	});
}

async function extractDocument(ctx) {
	const doc = findDocument(ctx);
	if (!doc) return;
	const extractor = ctx.state.extractors.get(ctx.params.extractor);
	if (!extractor) return http.sendLegacyError(ctx.res, 404, `The extractor '${ctx.params.extractor}' was not found.`);
	const wanted = http.acceptedTypes(ctx.req.headers.accept);
	await processing(ctx, () => {
		if (wanted.includes(MEDIA.redactRequest)) {
			const extraction = extractFields(extractor.fields, analyse(doc));
			return http.sendJson(ctx.res, 200, redactRequestFrom(extraction), MEDIA.redactRequest);
		}
		const { legacyFieldNames, tableCells } = ctx.state.config;
		const result = extractFields(extractor.fields, analyse(doc), { legacyFieldNames, tableCells });
		// Echo the vendor type when it was asked for; plain JSON otherwise.
		const type = wanted.includes(MEDIA.extractData) ? MEDIA.extractData : 'application/json; charset=utf-8';
		return http.sendJson(ctx.res, 200, result, type);
	});
}

// ---------------------------------------------------------------------------- redaction

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const isPage = (v, pageCount) => Number.isInteger(v) && v >= 1 && v <= pageCount;

/** Returns a list of schema errors for a redact request (empty when valid). */
function redactRequestErrors(body, pageCount) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return ['The body must be a JSON object.'];
	const errors = [];
	if (!Array.isArray(body.marks)) errors.push('"marks" must be an array.');
	else {
		body.marks.forEach((mark, i) => {
			const area = mark?.area;
			if (mark?.name !== undefined && typeof mark.name !== 'string') errors.push(`marks[${i}].name must be a string.`);
			if (!area || !['top', 'left', 'bottom', 'right'].every((k) => isNumber(area[k]))) {
				errors.push(`marks[${i}].area needs numeric top, left, bottom and right.`);
			} else if (!isPage(area.page_number, pageCount)) {
				errors.push(`marks[${i}].area.page_number must be between 1 and ${pageCount}.`);
			}
		});
	}
	if (body.apply_marks !== undefined && typeof body.apply_marks !== 'boolean') errors.push('"apply_marks" must be a boolean.');
	if (body.bookmarks !== undefined) {
		if (!Array.isArray(body.bookmarks)) errors.push('"bookmarks" must be an array.');
		else {
			body.bookmarks.forEach((b, i) => {
				if (typeof b?.text !== 'string' || !isPage(b?.page_number, pageCount)) {
					errors.push(`bookmarks[${i}] needs a string text and a page_number between 1 and ${pageCount}.`);
				}
			});
		}
	}
	return errors;
}

/** Characters of a line covered by an area, on the LAYOUT grid. */
function coveredRange(area, lineIndex, length) {
	const line = lineArea(area.page_number, lineIndex, 0, length);
	if (area.bottom <= line.top || area.top >= line.bottom) return null;
	const start = Math.max(0, Math.floor((area.left - LAYOUT.margin) / LAYOUT.charWidth));
	const end = Math.min(length, Math.ceil((area.right - LAYOUT.margin) / LAYOUT.charWidth));
	return start < end ? [start, end] : null;
}

async function redactDocument(ctx) {
	const doc = findDocument(ctx);
	if (!doc) return;
	if (!/^PDF:|^Image:TIFF$/.test(doc.fileType)) {
		return http.sendProblem(
			ctx.res,
			422,
			'redaction-not-supported',
			'The document cannot be redacted',
			`Redaction needs a document made from a PDF or TIFF file; this one is ${doc.fileType}.`,
		);
	}
	const body = http.parseJson(ctx.body);
	if (body === undefined) return http.sendProblem(ctx.res, 400, 'invalid-json', 'The request body is not valid JSON', 'Send a JSON redaction request.');
	const { pages } = analyse(doc);
	const errors = redactRequestErrors(body, pages.length);
	if (errors.length) {
		return http.sendProblem(ctx.res, 422, 'invalid-request', 'The request body does not match the schema', errors.join(' '));
	}
	await processing(ctx, () => {
		const apply = body.apply_marks !== false;
		const marks = body.marks;
		const outPages = pages.map((page, p) => {
			const onPage = marks.filter((m) => m.area.page_number === p + 1).map((m) => m.area);
			const lines = page.lines.map((line, k) => {
				if (!apply) return line;
				let chars = [...line];
				for (const area of onPage) {
					const range = coveredRange(area, k, chars.length);
					if (range) chars = chars.map((c, i) => (i >= range[0] && i < range[1] ? 'X' : c));
				}
				return chars.join('');
			});
			return apply ? { lines, boxes: onPage } : { lines, redactAnnotations: onPage };
		});
		const names = [...new Set(marks.map((m) => m.name).filter(Boolean))];
		outPages[0].footer =
			`Redacted: ${marks.length} mark${marks.length === 1 ? '' : 's'} (${apply ? 'applied' : 'not applied'})` +
			(names.length ? `: ${names.join(', ')}` : '');
		const pdf = buildPdf({ title: 'Redacted document', pages: outPages, bookmarks: body.bookmarks ?? [] });
		http.send(ctx.res, 200, { 'Content-Type': 'application/pdf' }, pdf);
	});
}

// ---------------------------------------------------------------------------- routes

function listDocuments(ctx) {
	http.sendJson(ctx.res, 200, { documents: [...ctx.state.documents.values()].map(documentResource) });
}

function getDocument(ctx) {
	const doc = findDocument(ctx);
	if (doc) http.sendJson(ctx.res, 200, documentResource(doc));
}

function deleteDocument(ctx) {
	const { state } = ctx;
	if (!state.documents.delete(ctx.params.id)) {
		return http.sendLegacyError(ctx.res, 404, `The document '${ctx.params.id}' was not found.`);
	}
	state.counters.documentsDeleted += 1;
	http.send(ctx.res, 204, {});
}

const documentRoutes = [
	route('POST', '/documents', createDocument),
	route('GET', '/documents', listDocuments),
	route('GET', '/documents/:id', getDocument),
	route('DELETE', '/documents/:id', deleteDocument),
	route('PUT', '/documents/:id/reads', readDocument),
	route('GET', '/documents/:id/reads', getReadResult),
	route('POST', '/documents/:id/classify/:classifier', classifyDocument),
	route('POST', '/documents/:id/extract/:extractor', extractDocument),
	route('POST', '/documents/:id/redact', redactDocument),
];

module.exports = { documentRoutes, documentResource };
