// Configuration of the fake: defaults, and validation of `setConfig` partials so a typo in a test
// fails loudly instead of being ignored.
'use strict';

/**
 * @typedef {object} FakeAlumaConfig
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {number} tokenLifetimeSeconds   `expires_in` and the real validity of issued tokens
 * @property {('form' | 'json')[]} tokenBodyFormats  token request bodies accepted; others get 415
 * @property {boolean} omitExpiresIn         leave `expires_in` out of the token response
 * @property {boolean} omitTokenType         leave `token_type` out (the current docs' example does)
 * @property {string} tokenType              `token_type` sent (any case) and the scheme requests must use
 * @property {boolean} expiresInAsString     send `expires_in` as a numeric string ("86400")
 * @property {number} latencyMs              added to read, classify, extract and redact
 * @property {number} documentCap            live documents allowed at once (Aluma default 30)
 * @property {number} documentCapStatus      status when the cap is hit (undocumented by Aluma; 403 here)
 * @property {string} documentCapAnswer      'legacy' ({message}) or 'problem' (RFC 7807 type …/document-limit-reached,
 *                                           title "Document limit reached", a detail that names no limit)
 * @property {string} documentCapRetryAfter  Retry-After sent with the cap answer ('' = none)
 * @property {number} maxFileBytes           upload limit, answered with 413
 * @property {number} readPdfPaddingBytes    grows every searchable PDF by this many bytes (streamed), to measure large downloads
 * @property {number} documentIdleMs         unused documents are deleted after this (10 min)
 * @property {number} importTimeoutMs        URL import download limit (10 s)
 * @property {boolean} legacyFieldNames      `alternative_results`/`page_sizes` instead of `alternatives`/`document`
 * @property {'objects' | 'strings'} tableCells  table cells as `{column_name, text, value}` objects, or as plain
 *                                           strings named by a `columns` list beside the rows
 * @property {number} projectListStatus      200 lists projects; 404 or 405 answers as an account that does not list them
 * @property {number} taskQueuedMs           time a task stays `queued`
 * @property {number} taskRunningMs          time a task stays `running`
 * @property {number} clientActionTimeoutMs  a started client action must complete within this (30 min)
 * @property {number} taskRetentionMs        final tasks stay listed this long (72 h)
 * @property {boolean} seed                  seed mailroom, aluma.invoices.gb and the Invoices project
 * @property {Record<string, string>} importHosts  public host name → local origin for URL imports, so tests
 *                                           can import from "https://files.example.com/x.pdf" served on 127.0.0.1
 */

/** @type {FakeAlumaConfig} */
const DEFAULTS = {
	clientId: 'test-client',
	clientSecret: 'test-secret',
	tokenLifetimeSeconds: 86400,
	tokenBodyFormats: ['form', 'json'],
	omitExpiresIn: false,
	omitTokenType: false,
	tokenType: 'Bearer',
	expiresInAsString: false,
	latencyMs: 0,
	documentCap: 30,
	documentCapStatus: 403,
	documentCapAnswer: 'legacy',
	documentCapRetryAfter: '',
	maxFileBytes: 100 * 1024 * 1024,
	readPdfPaddingBytes: 0,
	documentIdleMs: 10 * 60 * 1000,
	importTimeoutMs: 10 * 1000,
	legacyFieldNames: false,
	tableCells: 'objects',
	projectListStatus: 200,
	taskQueuedMs: 1000,
	taskRunningMs: 1000,
	clientActionTimeoutMs: 30 * 60 * 1000,
	taskRetentionMs: 72 * 60 * 60 * 1000,
	seed: true,
	importHosts: {},
};

/**
 * Checks a partial config against the defaults' keys and types.
 * @param {Record<string, unknown>} partial
 * @returns {Partial<FakeAlumaConfig>}
 */
function validateConfig(partial) {
	if (!partial || typeof partial !== 'object' || Array.isArray(partial)) throw new Error('config must be an object');
	for (const [key, value] of Object.entries(partial)) {
		if (!(key in DEFAULTS)) throw new Error(`unknown config key "${key}"`);
		const expected = DEFAULTS[/** @type {keyof FakeAlumaConfig} */ (key)];
		if (key === 'importHosts') {
			const valid =
				value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => /^http:\/\/127\.0\.0\.1:\d+$/.test(String(v)));
			if (!valid) throw new Error('config "importHosts" must map host names to http://127.0.0.1:PORT origins');
		} else if (key === 'projectListStatus') {
			if (![200, 404, 405].includes(/** @type {number} */ (value))) throw new Error('config "projectListStatus" must be 200, 404 or 405');
		} else if (key === 'tableCells') {
			if (value !== 'objects' && value !== 'strings') throw new Error(`config "tableCells" must be 'objects' or 'strings'`);
		} else if (Array.isArray(expected)) {
			if (!Array.isArray(value) || value.some((v) => v !== 'form' && v !== 'json')) {
				throw new Error(`config "${key}" must be an array of 'form' | 'json'`);
			}
		} else if (typeof value !== typeof expected || (typeof value === 'number' && !Number.isFinite(value))) {
			throw new Error(`config "${key}" must be a ${typeof expected}`);
		}
	}
	return /** @type {Partial<FakeAlumaConfig>} */ (partial);
}

/** The config without the client secret, for admin responses. */
function publicConfig(config) {
	const { clientSecret, ...rest } = config;
	return { ...rest, clientSecret: clientSecret ? '(set)' : '(empty)' };
}

module.exports = { DEFAULTS, validateConfig, publicConfig };
