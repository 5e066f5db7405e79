// The Suggestions API ("Aluma API only" in Aluma's docs): file name and folder suggestions for a
// document per end-user `context`, and the stored results Aluma learns folders from. Paths, the
// answer's layout and the results body are INFERRED (see README.md); bodies are checked strictly.
'use strict';

const { parseJson, send, sendJson, sendProblem } = require('./http');
const { documentPages, documentText, classifyText, extractFields } = require('./analysis');
const { MAILROOM_TYPES, INVOICE_EXTRACTOR_FIELDS } = require('./catalog');
const { route } = require('./router');

const nonEmpty = (value) => typeof value === 'string' && value.trim() !== '';

/** The document of the path (marked used), or null after answering 404 as the docs describe. */
function findDocument(ctx) {
	const doc = ctx.state.documents.get(ctx.params.id);
	if (!doc) {
		sendProblem(ctx.res, 404, 'document-not-found', 'The specified Document does not exist', `There is no document with id '${ctx.params.id}'.`);
		return null;
	}
	doc.lastUsedAt = Date.now();
	return doc;
}

/** The JSON object body with a non-empty `context` (and the other required strings), or null after a 400. */
function readBody(ctx, required) {
	const body = parseJson(ctx.body);
	const missing = required.filter((key) => !body || typeof body !== 'object' || Array.isArray(body) || !nonEmpty(body[key]));
	if (missing.length === 0 && (body.file_name === undefined || typeof body.file_name === 'string')) return body;
	const detail = missing.length ? `No ${missing.join(' or ')} was specified.` : '"file_name" must be a string.';
	sendProblem(ctx.res, 400, 'invalid-request', 'The request is invalid', detail);
	return null;
}

/** The file-name parts ("elements") the fake reads from a document: its type and invoice fields. */
function elementsOf(doc) {
	const pages = documentPages({ fileType: doc.fileType, bytes: doc.bytes, sha256: doc.sha256 });
	const results = Object.fromEntries(extractFields(INVOICE_EXTRACTOR_FIELDS, pages).field_results.map((f) => [f.field_name, f.result]));
	const date = results['Invoice Date'];
	const found = {
		document_type: classifyText(MAILROOM_TYPES, documentText(pages.pages)).document_type,
		supplier: results['Supplier Name']?.text,
		reference: results['Invoice Number']?.text,
		date: date ? date.value ?? date.text : undefined,
	};
	return Object.fromEntries(Object.entries(found).filter(([, value]) => typeof value === 'string' && value !== ''));
}

const learningKey = (context, elements) => `${context}\u0000${elements.supplier ?? elements.document_type ?? ''}`;

function generateSuggestions(ctx) {
	const doc = findDocument(ctx);
	if (!doc) return;
	const body = readBody(ctx, ['context']);
	if (!body) return;
	const elements = elementsOf(doc);
	// Folders come only from what this context stored before for the same supplier (reason "learnt").
	const learnt = [...(ctx.state.suggestionFolders.get(learningKey(body.context, elements)) ?? [])].reverse();
	const folder = (id) => (id ? { folder_id: id, reason: 'learnt' } : null);
	const primaryName = [elements.date, elements.supplier, elements.reference].filter(Boolean).join(' ');
	const alternativeName = [elements.document_type, elements.reference].filter(Boolean).join(' ');
	sendJson(ctx.res, 200, {
		document_id: doc.id,
		primary: { file_name: primaryName || null, folder: folder(learnt[0]) },
		alternative: { file_name: alternativeName && alternativeName !== primaryName ? alternativeName : null, folder: folder(learnt.find((id) => id !== learnt[0])) },
		elements,
	});
}

function storeSuggestionResults(ctx) {
	const doc = findDocument(ctx);
	if (!doc) return;
	const body = readBody(ctx, ['context', 'folder_id']);
	if (!body) return;
	const key = learningKey(body.context, elementsOf(doc));
	const folders = (ctx.state.suggestionFolders.get(key) ?? []).filter((id) => id !== body.folder_id);
	ctx.state.suggestionFolders.set(key, [...folders, body.folder_id]);
	ctx.state.suggestionResults.push({ document_id: doc.id, context: body.context, folder_id: body.folder_id, file_name: body.file_name ?? null });
	send(ctx.res, 204, {});
}

const suggestionRoutes = [
	route('POST', '/documents/:id/suggestions', generateSuggestions),
	route('POST', '/documents/:id/suggestion_results', storeSuggestionResults),
];

module.exports = { suggestionRoutes };
