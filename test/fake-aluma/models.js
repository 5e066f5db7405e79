// Classifiers, extractors and modules (A6–A7), kept in memory so create → list → delete is real.
'use strict';

const { mediaType, parseJson, send, sendJson, sendLegacyError, sendProblem } = require('./http');
const { readZip, isZip } = require('./zip');
const { MODULES, TABLE_FIELDS } = require('./catalog');
const { route } = require('./router');

const NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** Document type names may contain spaces ("Purchase Order"), but no slashes or control characters. */
const DOCUMENT_TYPE = /^[^/\\\x00-\x1f]{1,100}$/;

/** Sends 400 and returns false for a malformed classifier or extractor name. */
function checkName(ctx, name) {
	if (NAME.test(name)) return true;
	sendLegacyError(ctx.res, 400, 'The request is invalid.', { name: ['Names are 1-100 characters: letters, digits, ".", "_" or "-".'] });
	return false;
}

// ---------------------------------------------------------------------------- classifiers

function classifierSummary(c) {
	const self = `/classifiers/${encodeURIComponent(c.name)}`;
	return {
		name: c.name,
		_links: {
			self: { href: self },
			'classifier:get': { href: self },
			'classifier:add_samples_from_zip': { href: `${self}/samples` },
			'classifier:add_sample': { href: `${self}/sample/{document_type}`, templated: true },
		},
	};
}

/** INFERRED: the single-classifier view adds its document types and sample count. */
function classifierDetail(c) {
	return { ...classifierSummary(c), document_types: c.types.map((t) => t.name), samples: c.types.reduce((n, t) => n + t.samples, 0) };
}

function findClassifier(ctx) {
	if (!checkName(ctx, ctx.params.name)) return null;
	const classifier = ctx.state.classifiers.get(ctx.params.name);
	if (!classifier) sendLegacyError(ctx.res, 404, `The classifier '${ctx.params.name}' was not found.`);
	return classifier ?? null;
}

/** Adds samples to a type (created on first sample); a trained type is found by its own name. */
function addSamples(classifier, typeName, count) {
	let type = classifier.types.find((t) => t.name === typeName);
	if (!type) {
		type = { name: typeName, keywords: [typeName], baseline: 0, samples: 0 };
		classifier.types.push(type);
	}
	type.samples += count;
	return type;
}

/** Counts files per top-level folder of a samples zip; files outside folders are ignored. */
function samplesByFolder(entries) {
	/** @type {Map<string, number>} */
	const counts = new Map();
	const ignored = [];
	for (const entry of entries) {
		if (entry.isDirectory) continue;
		const parts = entry.name.split('/');
		if (parts.length < 2 || !DOCUMENT_TYPE.test(parts[0]) || parts[parts.length - 1].startsWith('.')) {
			ignored.push(entry.name);
			continue;
		}
		counts.set(parts[0], (counts.get(parts[0]) ?? 0) + 1);
	}
	return { counts, ignored };
}

function createClassifier(ctx) {
	const { name } = ctx.params;
	if (!checkName(ctx, name)) return;
	if (ctx.state.classifiers.has(name)) return sendLegacyError(ctx.res, 409, `A classifier named '${name}' already exists.`);
	const classifier = { name, source: /** @type {'empty' | 'upload'} */ ('empty'), types: [], createdAt: Date.now() };
	if (ctx.body.length > 0) {
		const type = mediaType(ctx.req.headers['content-type']);
		if (type !== 'application/vnd.waives.classifier+zip') {
			return sendLegacyError(ctx.res, 415, 'Upload a trained classifier as application/vnd.waives.classifier+zip, or send no body.');
		}
		if (!isZip(ctx.body)) return sendLegacyError(ctx.res, 400, 'The classifier file is not a valid classifier (.clf) archive.');
		classifier.source = 'upload';
		// A .clf is a zip; when it holds one folder per document type, those become the types.
		try {
			for (const [typeName, count] of samplesByFolder(readZip(ctx.body)).counts) addSamples(classifier, typeName, count);
		} catch {
			return sendLegacyError(ctx.res, 400, 'The classifier file is not a valid classifier (.clf) archive.');
		}
	}
	ctx.state.classifiers.set(name, classifier);
	sendJson(ctx.res, 201, classifierDetail(classifier), undefined, { Location: `/classifiers/${encodeURIComponent(name)}` });
}

const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/octet-stream']);

function addSamplesFromZip(ctx) {
	const classifier = findClassifier(ctx);
	if (!classifier) return;
	if (!ZIP_TYPES.has(mediaType(ctx.req.headers['content-type']))) {
		return sendLegacyError(ctx.res, 415, 'Send the samples as application/zip.');
	}
	let entries;
	try {
		entries = readZip(ctx.body);
	} catch (error) {
		return sendLegacyError(ctx.res, 400, 'The samples file is not a valid zip archive.', { body: [error.message] });
	}
	const { counts, ignored } = samplesByFolder(entries);
	if (counts.size === 0) {
		return sendLegacyError(ctx.res, 400, 'The zip holds no samples: put each document type in its own top-level folder.');
	}
	const document_types = [...counts].map(([typeName, added]) => {
		const type = addSamples(classifier, typeName, added);
		return { name: typeName, samples_added: added, samples: type.samples };
	});
	sendJson(ctx.res, 200, {
		name: classifier.name,
		document_types,
		samples_added: [...counts.values()].reduce((a, b) => a + b, 0),
		ignored,
	});
}

function addSample(ctx) {
	const classifier = findClassifier(ctx);
	if (!classifier) return;
	const typeName = ctx.params.documentType;
	if (!DOCUMENT_TYPE.test(typeName)) {
		return sendLegacyError(ctx.res, 400, 'The request is invalid.', { document_type: ['Document types are 1-100 characters without "/".'] });
	}
	if (ctx.body.length === 0) return sendLegacyError(ctx.res, 400, 'The request body is empty.', { body: ['A sample file is required.'] });
	const type = addSamples(classifier, typeName, 1);
	sendJson(ctx.res, 200, { name: classifier.name, document_type: type.name, samples: type.samples });
}

function deleteModel(kind) {
	return (ctx) => {
		const { name } = ctx.params;
		if (!checkName(ctx, name)) return;
		const store = kind === 'classifier' ? ctx.state.classifiers : ctx.state.extractors;
		if (!store.delete(name)) return sendLegacyError(ctx.res, 404, `The ${kind} '${name}' was not found.`);
		send(ctx.res, 204, {});
	};
}

// ---------------------------------------------------------------------------- extractors

function extractorSummary(e) {
	const self = `/extractors/${encodeURIComponent(e.name)}`;
	return { name: e.name, _links: { self: { href: self }, 'extractor:get': { href: self } } };
}

/** INFERRED: the single-extractor view adds its field names and the template it was made from. */
function extractorDetail(e) {
	return { ...extractorSummary(e), fields: e.fields.map((f) => f.alias ?? f.name), modules: e.modules };
}

/** INFERRED: the JSON type each declared parameter type takes in a template's `arguments`. */
const ARGUMENT_TYPES = {
	string: (value) => typeof value === 'string',
	regex: (value) => typeof value === 'string',
	boolean: (value) => typeof value === 'boolean',
	number: (value) => typeof value === 'number' && Number.isFinite(value),
	integer: (value) => Number.isInteger(value),
};

/** Arguments whose JSON type is not the one their module declares, as problem `errors` entries. */
function argumentTypeErrors(template) {
	if (!template || !Array.isArray(template.modules)) return [];
	return template.modules.flatMap((entry, i) => {
		const module = MODULES.find((m) => m.id === entry?.id);
		const args = entry?.arguments;
		if (!module || !args || typeof args !== 'object' || Array.isArray(args)) return [];
		return module.parameters
			.filter((p) => args[p.id] !== undefined && ARGUMENT_TYPES[p.type] && !ARGUMENT_TYPES[p.type](args[p.id]))
			.map((p) => ({ field: `modules[${i}].arguments.${p.id}`, detail: `must be a ${p.type}, not ${JSON.stringify(args[p.id])}` }));
	});
}

/** Validates an extractor template; returns its fields or a list of problems. */
function templateFields(template) {
	if (!template || typeof template !== 'object' || !Array.isArray(template.modules) || template.modules.length === 0) {
		return { errors: ['The template needs a non-empty "modules" array.'] };
	}
	const errors = [];
	const fields = [];
	template.modules.forEach((entry, i) => {
		const module = MODULES.find((m) => m.id === entry?.id);
		if (!module) return errors.push(`modules[${i}]: unknown module id "${entry?.id}".`);
		const args = entry.arguments ?? {};
		if (typeof args !== 'object' || Array.isArray(args)) return errors.push(`modules[${i}].arguments must be an object.`);
		for (const p of module.parameters) {
			if (p.required && (args[p.id] === undefined || args[p.id] === '')) errors.push(`modules[${i}] (${module.id}) needs the "${p.id}" argument.`);
			if (p.type === 'regex' && typeof args[p.id] === 'string') {
				try {
					new RegExp(args[p.id]);
				} catch {
					errors.push(`modules[${i}].arguments.${p.id} is not a valid regular expression.`);
				}
			}
		}
		const aliases = entry.field_aliases ?? [];
		if (!Array.isArray(aliases) || aliases.some((a) => typeof a?.field !== 'string' || typeof a?.alias !== 'string')) {
			return errors.push(`modules[${i}].field_aliases must be an array of {field, alias}.`);
		}
		for (const f of module.fields) {
			const alias = aliases.find((a) => a.field === f.name)?.alias;
			fields.push({ name: f.name, alias, table: TABLE_FIELDS.has(f.name), arguments: args });
		}
	});
	return errors.length ? { errors } : { fields };
}

function createExtractor(ctx) {
	const { name } = ctx.params;
	if (!checkName(ctx, name)) return;
	if (ctx.state.extractors.has(name)) return sendLegacyError(ctx.res, 409, `An extractor named '${name}' already exists.`);
	if (ctx.body.length === 0) {
		return sendLegacyError(ctx.res, 400, 'The request body is empty.', { body: ['Send an extractor template or configuration file.'] });
	}
	const now = Date.now();
	let extractor;
	if (mediaType(ctx.req.headers['content-type']) === 'application/json') {
		const template = parseJson(ctx.body);
		if (template === undefined) {
			return sendProblem(ctx.res, 400, 'invalid-json', 'The request body is not valid JSON', 'Send an extractor template.');
		}
		const typeErrors = argumentTypeErrors(template);
		if (typeErrors.length) {
			const detail = `${typeErrors.length} argument(s) have the wrong type.`;
			return sendProblem(ctx.res, 400, 'invalid-request', 'The request is invalid', detail, {}, { errors: typeErrors });
		}
		const checked = templateFields(template);
		if (checked.errors) {
			return sendProblem(ctx.res, 422, 'invalid-extractor-template', 'The extractor template is invalid', checked.errors.join(' '));
		}
		extractor = { name, source: 'modules', fields: checked.fields, modules: template.modules, configBytes: ctx.body.length, createdAt: now };
	} else {
		// INFERRED: a raw configuration file (.fpxlc) is opaque to the fake; the extractor has no fields.
		extractor = { name, source: 'config', fields: [], modules: null, configBytes: ctx.body.length, createdAt: now };
	}
	ctx.state.extractors.set(name, extractor);
	sendJson(ctx.res, 201, extractorDetail(extractor), undefined, { Location: `/extractors/${encodeURIComponent(name)}` });
}

function getModel(kind) {
	return (ctx) => {
		const { name } = ctx.params;
		if (!checkName(ctx, name)) return;
		const item = (kind === 'classifier' ? ctx.state.classifiers : ctx.state.extractors).get(name);
		if (!item) return sendLegacyError(ctx.res, 404, `The ${kind} '${name}' was not found.`);
		sendJson(ctx.res, 200, kind === 'classifier' ? classifierDetail(item) : extractorDetail(item));
	};
}

const modelRoutes = [
	route('GET', '/classifiers', (ctx) => sendJson(ctx.res, 200, { classifiers: [...ctx.state.classifiers.values()].map(classifierSummary) })),
	route('GET', '/classifiers/:name', getModel('classifier')),
	route('POST', '/classifiers/:name', createClassifier),
	route('DELETE', '/classifiers/:name', deleteModel('classifier')),
	route('POST', '/classifiers/:name/samples', addSamplesFromZip),
	route('POST', '/classifiers/:name/sample/:documentType', addSample),
	route('GET', '/extractors', (ctx) => sendJson(ctx.res, 200, { extractors: [...ctx.state.extractors.values()].map(extractorSummary) })),
	route('GET', '/extractors/:name', getModel('extractor')),
	route('POST', '/extractors/:name', createExtractor),
	route('DELETE', '/extractors/:name', deleteModel('extractor')),
	route('GET', '/modules', (ctx) => sendJson(ctx.res, 200, { modules: MODULES })),
];

module.exports = { modelRoutes };
