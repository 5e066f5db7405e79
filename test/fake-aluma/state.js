// All in-memory state of one fake server, with seeding and the counters behind stats().
'use strict';

const { MAILROOM_TYPES, INVOICE_EXTRACTOR_FIELDS } = require('./catalog');

/** Fixed id of the seeded project, so e2e workflows can hard-code it. */
const SEEDED_PROJECT_ID = 'invoices-project-seed1';
/** Request log entries kept; the oldest are dropped so a long demo does not grow without bound. */
const MAX_LOGGED_REQUESTS = 10000;

/**
 * @typedef {object} DocumentRecord
 * @property {string} id
 * @property {string} fileId
 * @property {string} fileType
 * @property {number} size
 * @property {string} sha256
 * @property {Buffer} bytes
 * @property {number} createdAt
 * @property {number} lastUsedAt
 * @property {number | null} readAt
 *
 * @typedef {{ name: string, keywords: string[], baseline: number, samples: number }} DocumentType
 * @typedef {{ name: string, source: 'seed' | 'empty' | 'upload', types: DocumentType[], createdAt: number }} ClassifierRecord
 * @typedef {{ name: string, alias?: string, table?: boolean, arguments?: Record<string, unknown> }} ExtractorField
 * @typedef {{ name: string, source: 'seed' | 'modules' | 'config', fields: ExtractorField[], modules: unknown[] | null, configBytes: number, createdAt: number }} ExtractorRecord
 * @typedef {{ id: string, name: string, createdAt: number, clientActions: ('validation' | 'export')[], sourceBytes: number }} ProjectRecord
 *
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {number | null} status       null while unanswered (or for a `hang` fault); 0 for a `reset` fault
 * @property {string | null} contentType  of the request
 * @property {string | null} accept       the request's Accept header
 * @property {number} bodyBytes           request body size
 * @property {string | null} tokenId      opaque id of the bearer token used ('unknown' when not ours); never the token
 * @property {string} route               e.g. 'POST /documents/:id/classify/:classifier'
 * @property {string | null} fault        fault kind applied, if any
 * @property {string | null} origin       the X-Test-Origin header (a test's name for the sending process), if any
 * @property {number} at                  Date.now() when the request arrived
 */

function emptyCounters() {
	return {
		tokenExchanges: 0,
		tokenRequests: 0,
		tokenFailures: 0,
		unauthorized: 0,
		requests: 0,
		peakLiveDocuments: 0,
		documentCapAnswers: 0,
		documentsCreated: 0,
		documentsDeleted: 0,
		documentsExpired: 0,
		inFlightProcessing: 0,
		peakInFlightProcessing: 0,
		faultsApplied: 0,
		/** @type {Record<string, number>} */
		byRoute: {},
	};
}

/**
 * @param {import('./config').FakeAlumaConfig} config
 */
function createState(config) {
	const state = {
		config,
		/** sha256(token) → record; the raw token is never kept. */
		tokens: /** @type {Map<string, { id: string, issuedAt: number, expiresAt: number, revoked: boolean }>} */ (new Map()),
		tokenSequence: 0,
		documents: /** @type {Map<string, DocumentRecord>} */ (new Map()),
		classifiers: /** @type {Map<string, ClassifierRecord>} */ (new Map()),
		extractors: /** @type {Map<string, ExtractorRecord>} */ (new Map()),
		projects: /** @type {Map<string, ProjectRecord>} */ (new Map()),
		tasks: /** @type {Map<string, any>} */ (new Map()),
		/** context + supplier → folder ids stored, most recent last (what suggestions learn from). */
		suggestionFolders: /** @type {Map<string, string[]>} */ (new Map()),
		/** Every suggestion result stored, in order. */
		suggestionResults: /** @type {{ document_id: string, context: string, folder_id: string, file_name: string | null }[]} */ ([]),
		taskSequence: 0,
		faults: /** @type {any[]} */ ([]),
		log: /** @type {RequestLogEntry[]} */ ([]),
		counters: emptyCounters(),
	};
	if (config.seed) seed(state);
	return state;
}

/** @param {ReturnType<typeof createState>} state */
function seed(state) {
	const now = Date.now();
	state.classifiers.set('mailroom', { name: 'mailroom', source: 'seed', types: MAILROOM_TYPES.map((t) => ({ ...t })), createdAt: now });
	state.extractors.set('aluma.invoices.gb', {
		name: 'aluma.invoices.gb',
		source: 'seed',
		fields: INVOICE_EXTRACTOR_FIELDS.map((f) => ({ ...f })),
		modules: null,
		configBytes: 0,
		createdAt: now,
	});
	state.projects.set(SEEDED_PROJECT_ID, {
		id: SEEDED_PROJECT_ID,
		name: 'Invoices',
		createdAt: Date.parse('2026-01-05T09:30:00Z'),
		clientActions: ['validation', 'export'],
		sourceBytes: 0,
	});
}

/** Empties everything, counters included, and seeds again. */
function resetState(state) {
	const fresh = createState(state.config);
	Object.assign(state, fresh);
}

/** Deletes documents unused for `documentIdleMs`, as Aluma does after 10 minutes. */
function sweepIdleDocuments(state) {
	const now = Date.now();
	for (const [id, doc] of state.documents) {
		if (now - doc.lastUsedAt >= state.config.documentIdleMs) {
			state.documents.delete(id);
			state.counters.documentsExpired += 1;
			state.counters.documentsDeleted += 1;
		}
	}
}

function logRequest(state, entry) {
	state.log.push(entry);
	if (state.log.length > MAX_LOGGED_REQUESTS) state.log.splice(0, state.log.length - MAX_LOGGED_REQUESTS);
}

function stats(state) {
	sweepIdleDocuments(state);
	const { byRoute, ...counters } = state.counters;
	return { ...counters, liveDocuments: state.documents.size, byRoute: { ...byRoute } };
}

module.exports = { SEEDED_PROJECT_ID, createState, resetState, sweepIdleDocuments, logRequest, stats };
