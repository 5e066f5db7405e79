// Tasks API (B): projects, tasks and the validation/export client actions, with RFC 7807 errors.
// Task progress is driven by Date.now() and evaluated lazily on every read, so tests can move
// time with jest's fake Date; `advanceTask` forces a step.
'use strict';

const { newId, isoNow, mediaType, parseJson, send, sendJson, sendLegacyError, sendProblem, sha256Hex } = require('./http');
const { detectFileType, documentPages, documentText, classifyText, extractFields } = require('./analysis');
const { MAILROOM_TYPES, INVOICE_EXTRACTOR_FIELDS } = require('./catalog');
const { buildPdf } = require('./pdf');
const { readZip, isZip } = require('./zip');
const { route } = require('./router');

const FINAL = new Set(['completed', 'failed', 'canceled', 'timed-out']);
const ACTIONS = ['validation', 'export'];
const INVALID_STATE = 'invalid-task-state';

const MIME = {
	'PDF:Misc': 'application/pdf',
	'PDF:ImageOnly': 'application/pdf',
	'Image:TIFF': 'image/tiff',
	'Image:JPEG': 'image/jpeg',
	'Image:PNG': 'image/png',
	'Text:Plain': 'text/plain',
};

// ---------------------------------------------------------------------------- projects

function projectResource(p) {
	return { id: p.id, name: p.name, created_at: isoNow(p.createdAt), client_actions: [...p.clientActions] };
}

/** Reads the project definition from an .alproj upload: a zip holding a JSON file, or JSON itself. */
function projectDefinition(bytes) {
	if (isZip(bytes)) {
		const entries = readZip(bytes).filter((e) => !e.isDirectory && e.name.endsWith('.json'));
		const main = entries.find((e) => /(^|\/)project\.json$/.test(e.name)) ?? entries[0];
		return main ? parseJson(main.data) : undefined;
	}
	return parseJson(bytes);
}

function uploadProject(ctx) {
	if (ctx.body.length === 0) return sendProblem(ctx.res, 400, 'invalid-request', 'The request body is empty', 'Send the .alproj file.');
	let definition;
	try {
		definition = projectDefinition(ctx.body);
	} catch (error) {
		return sendProblem(ctx.res, 422, 'invalid-project', 'The project file is invalid', `The .alproj archive cannot be read: ${error.message}.`);
	}
	if (!definition || typeof definition.name !== 'string' || !definition.name.trim()) {
		return sendProblem(ctx.res, 422, 'invalid-project', 'The project file is invalid', 'The project definition needs a "name".');
	}
	const clientActions = definition.client_actions ?? ACTIONS;
	if (!Array.isArray(clientActions) || !clientActions.includes('export') || clientActions.some((a) => !ACTIONS.includes(a))) {
		return sendProblem(ctx.res, 422, 'invalid-project', 'The project file is invalid', '"client_actions" must list "export" and optionally "validation".');
	}
	const project = {
		id: newId(),
		name: definition.name.trim(),
		createdAt: Date.now(),
		clientActions: ACTIONS.filter((a) => clientActions.includes(a)),
		sourceBytes: ctx.body.length,
	};
	ctx.state.projects.set(project.id, project);
	sendJson(ctx.res, 201, projectResource(project), undefined, { Location: `/projects/${project.id}` });
}

/** INFERRED: Aluma's material names only Upload Project; `projectListStatus` 404/405 plays an account that does not list. */
function listProjects(ctx) {
	const status = ctx.state.config.projectListStatus;
	if (status === 404) return sendLegacyError(ctx.res, 404, `No resource at ${ctx.path}.`);
	if (status === 405) return sendLegacyError(ctx.res, 405, `Use POST on ${ctx.path}.`, undefined, { Allow: 'POST' });
	sendJson(ctx.res, 200, { projects: [...ctx.state.projects.values()].sort((a, b) => a.createdAt - b.createdAt).map(projectResource) });
}

function findProject(ctx, id) {
	const project = ctx.state.projects.get(id);
	if (!project) sendProblem(ctx.res, 404, 'project-not-found', 'Project not found', `There is no project with id '${id}'.`);
	return project ?? null;
}

// ---------------------------------------------------------------------------- task state machine

/** Moves a task one step along its automatic path, as if `at` had been reached. */
function step(state, task, at) {
	const { config } = state;
	if (task.state === 'queued') {
		task.state = 'running';
		task.nextAt = at + config.taskRunningMs;
	} else if (task.state === 'running') {
		if (task.unsupported) return finish(task, 'failed', at);
		task.state = 'pending:start_client_action';
		task.client_action = task.requiresValidation ? 'validation' : 'export';
		task.documents_count = 1;
		task.nextAt = null;
	} else if (task.state === 'pending:complete_client_action') {
		// The client did not complete in time: the action is offered again.
		task.state = 'pending:start_client_action';
		task.nextAt = null;
	} else {
		task.nextAt = null;
	}
}

/** Final state: Aluma deletes the file and data; the task stays listed for the retention time. */
function finish(task, finalState, at) {
	task.state = finalState;
	task.client_action = null;
	task.nextAt = null;
	task.finishedAt = at;
	task.file = null;
	task.files = new Map();
}

/** Applies every automatic transition due by Date.now(); drops tasks past retention. */
function refreshTasks(state) {
	const now = Date.now();
	for (const [id, task] of state.tasks) {
		while (task.nextAt !== null && now >= task.nextAt) step(state, task, task.nextAt);
		if (task.finishedAt !== null && now >= task.finishedAt + state.config.taskRetentionMs) state.tasks.delete(id);
	}
}

/**
 * Forces progress: one automatic step now, or straight to `to` (any task state).
 * @returns {{ task?: object, error?: string }}
 */
function advanceTask(state, id, to) {
	refreshTasks(state);
	const task = state.tasks.get(id);
	if (!task) return { error: `no task '${id}'` };
	const now = Date.now();
	if (to === undefined) {
		if (task.nextAt === null) return { error: `task is ${task.state}; nothing happens until a client acts` };
		step(state, task, now);
	} else if (FINAL.has(to)) {
		finish(task, to, now);
	} else if (to === 'queued' || to === 'running') {
		task.state = to;
		task.nextAt = now + (to === 'queued' ? state.config.taskQueuedMs : state.config.taskRunningMs);
	} else if (to === 'pending:start_client_action') {
		task.state = 'running';
		task.unsupported = false;
		step(state, task, now);
	} else {
		return { error: `cannot advance to '${to}'` };
	}
	return { task: taskResource(task) };
}

/** The task object as Aluma's List Tasks shows it. */
function taskResource(t) {
	return {
		id: t.id,
		name: t.name,
		file_collection_id: t.file_collection_id,
		project_id: t.project_id,
		project_name: t.project_name,
		created_at: isoNow(t.createdAt),
		documents_count: t.documents_count,
		state: t.state,
		client_action: t.state.startsWith('pending:') ? t.client_action : null,
	};
}

// ---------------------------------------------------------------------------- tasks

function createTask(ctx) {
	const projectId = ctx.query.project_id;
	if (!projectId) return sendProblem(ctx.res, 400, 'invalid-request', 'project_id is required', 'Add ?project_id=<id> to the URL.');
	const project = findProject(ctx, projectId);
	if (!project) return;
	if (ctx.body.length === 0) return sendProblem(ctx.res, 400, 'invalid-request', 'The request body is empty', 'Send the file to process.');
	// X-Aluma-Tags is a query string: key=value pairs joined with '&', percent-decoded.
	const tags = Object.fromEntries(new URLSearchParams(String(ctx.req.headers['x-aluma-tags'] ?? '')));
	const fileType = detectFileType(ctx.body);
	const now = Date.now();
	const id = newId();
	const task = {
		id,
		name: tags.task_name || tags.file_name || `task-${id.slice(0, 8)}`,
		file_collection_id: newId(),
		project_id: project.id,
		project_name: project.name,
		createdAt: now,
		seq: ++ctx.state.taskSequence,
		documents_count: 0,
		state: 'queued',
		client_action: null,
		nextAt: now + ctx.state.config.taskQueuedMs,
		finishedAt: null,
		requiresValidation: project.clientActions.includes('validation'),
		// Aluma accepts files of any format, then fails the task.
		unsupported: fileType === 'Unknown' && !isZip(ctx.body),
		tags,
		file: { bytes: ctx.body, fileType, contentType: mediaType(ctx.req.headers['content-type']) || null },
		corrections: null,
		clientActionBodies: [],
		failureMessage: null,
		files: new Map(),
	};
	ctx.state.tasks.set(id, task);
	sendJson(ctx.res, 201, taskResource(task), undefined, { Location: `/tasks/${id}` });
}

function listTasks(ctx) {
	refreshTasks(ctx.state);
	const { state: wantedState, client_action, project_id } = ctx.query;
	const tasks = [...ctx.state.tasks.values()]
		.filter((t) => !wantedState || t.state === wantedState)
		.filter((t) => !client_action || (t.state.startsWith('pending:') && t.client_action === client_action))
		.filter((t) => !project_id || t.project_id === project_id)
		.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq)
		.map(taskResource);
	sendJson(ctx.res, 200, { tasks });
}

function findTask(ctx) {
	refreshTasks(ctx.state);
	const task = ctx.state.tasks.get(ctx.params.id);
	if (!task) sendProblem(ctx.res, 404, 'task-not-found', 'Task not found', `There is no task with id '${ctx.params.id}'.`);
	return task ?? null;
}

// ---------------------------------------------------------------------------- client actions

/** What the fake "captured" from the task file: type, fields and rows, plus any validator corrections. */
function capture(task) {
	const doc = documentPages({ fileType: task.file.fileType, bytes: task.file.bytes, sha256: sha256Hex(task.file.bytes) });
	const classification = classifyText(MAILROOM_TYPES, documentText(doc.pages));
	const extraction = extractFields(INVOICE_EXTRACTOR_FIELDS, doc);
	const corrections = task.corrections ?? {};
	return { doc, classification, extraction, documentType: corrections.document_type ?? classification.document_type, corrections };
}

/** A field's plain value: the typed value, else the text; table fields become row objects. */
function plainValue(field) {
	if (field.tabular_results) {
		return field.tabular_results.rows.map((row) => Object.fromEntries(row.cells.map((c) => [c.column_name, c.value ?? c.text])));
	}
	return field.result ? field.result.value ?? field.result.text : null;
}

function fileLinks(task) {
	return [...task.files.entries()].map(([fileId, f]) => ({ name: f.name, content_type: f.content_type, href: `/tasks/${task.id}/files/${fileId}` }));
}

/** HAL links of a started client action (DOC: resources carry `_links`; these are POST-only). */
function actionLinks(task, action) {
	const base = `/tasks/${task.id}/client_actions/${action}`;
	return {
		self: { href: `/tasks/${task.id}` },
		complete: { href: `${base}/complete`, method: 'POST' },
		cancel: { href: `${base}/cancel`, method: 'POST' },
		fail: { href: `${base}/fail`, method: 'POST' },
	};
}

/** INFERRED Export Specification: `{task_id, action, project_id, documents:[{document_type, fields, files}], _links}`. */
function exportSpecification(task) {
	const { doc, extraction, documentType, corrections } = capture(task);
	const fields = Object.fromEntries(extraction.field_results.map((f) => [f.field_name, plainValue(f)]));
	Object.assign(fields, corrections.fields ?? {});
	const base = task.name.replace(/\.[^.]+$/, '') || task.id;
	task.files = new Map([
		[newId(), { name: task.name, content_type: MIME[task.file.fileType] ?? task.file.contentType ?? 'application/octet-stream', bytes: task.file.bytes }],
		[newId(), { name: `${base}.pdf`, content_type: 'application/pdf', bytes: buildPdf({ title: base, pages: doc.pages }) }],
		[newId(), { name: `${base}.json`, content_type: 'application/json', bytes: Buffer.from(JSON.stringify({ document_type: documentType, fields }, null, 2)) }],
	]);
	return {
		task_id: task.id,
		action: 'export',
		project_id: task.project_id,
		documents: [{ document_type: documentType, fields, files: fileLinks(task) }],
		_links: actionLinks(task, 'export'),
	};
}

/** INFERRED Validation Specification: what a reviewer needs, per document. */
function validationSpecification(task) {
	const { doc, classification, extraction, documentType } = capture(task);
	task.files = new Map([[newId(), { name: task.name, content_type: MIME[task.file.fileType] ?? 'application/octet-stream', bytes: task.file.bytes }]]);
	return {
		task_id: task.id,
		action: 'validation',
		project_id: task.project_id,
		documents: [
			{
				document_type: documentType,
				is_confident: classification.is_confident,
				document_types: MAILROOM_TYPES.map((t) => t.name),
				page_count: doc.pages.length,
				fields: extraction.field_results.map((f) => ({
					name: f.field_name,
					value: plainValue(f),
					text: f.result?.text ?? null,
					rejected: f.rejected,
					reject_reason: f.reject_reason,
				})),
				files: fileLinks(task),
			},
		],
		_links: actionLinks(task, 'validation'),
	};
}

/** Sends the 422 invalid-task-state problem unless the task is in `wanted` for this action. */
function checkActionState(ctx, task, wanted) {
	const action = ctx.params.action;
	if (ACTIONS.includes(action) && task.state === wanted && task.client_action === action) return true;
	const current = task.state.startsWith('pending:') ? `${task.state} (client action ${task.client_action})` : task.state;
	sendProblem(
		ctx.res,
		422,
		INVALID_STATE,
		'The task is not in a state that allows this client action',
		`Task '${task.id}' is ${current}; this needs ${wanted} with client action '${action}'.`,
	);
	return false;
}

function startAction(ctx) {
	const task = findTask(ctx);
	if (!task || !checkActionState(ctx, task, 'pending:start_client_action')) return;
	const spec = task.client_action === 'export' ? exportSpecification(task) : validationSpecification(task);
	task.state = 'pending:complete_client_action';
	task.nextAt = Date.now() + ctx.state.config.clientActionTimeoutMs;
	sendJson(ctx.res, 200, spec);
}

/**
 * The body of Complete and Cancel, read strictly (DOC, Cancel Client Action): empty for an export;
 * for a validation a Validation Results object, INFERRED as `{documents:[{document_type?, fields?:{name: value}}]}`.
 * Every body received is kept on the task (`clientActionBodies`) for tests to compare.
 */
function readActionBody(ctx, task, step) {
	const action = ctx.params.action;
	const body = ctx.body.length ? parseJson(ctx.body) : null;
	task.clientActionBodies.push({ step, action, body: body === undefined ? ctx.body.toString('utf8') : body });
	if (action === 'export') {
		return ctx.body.length ? { error: [400, 'invalid-request', 'An export action takes an empty body', 'Send no body when completing or canceling an export.'] } : { corrections: null };
	}
	if (ctx.body.length === 0 || (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))) {
		return { error: [400, 'invalid-request', 'A validation action needs a Validation Results object', 'Send the validated data as a JSON object.'] };
	}
	return readCorrections(body);
}

/** Validation Results: `{documents:[{document_type?, fields?:{name: value}}]}`. */
function readCorrections(body) {
	if (body === undefined) return { error: [400, 'invalid-json', 'The request body is not valid JSON'] };
	const first = Array.isArray(body?.documents) ? body.documents[0] : undefined;
	if (body?.documents !== undefined && (!Array.isArray(body.documents) || (first !== undefined && (typeof first !== 'object' || first === null)))) {
		return { error: [422, 'invalid-request', 'The request body does not match the schema'] };
	}
	if (first?.fields !== undefined && (typeof first.fields !== 'object' || Array.isArray(first.fields))) {
		return { error: [422, 'invalid-request', 'The request body does not match the schema'] };
	}
	return { corrections: first ? { document_type: first.document_type, fields: first.fields } : null };
}

const EXPECTED_RESULTS = 'Expected {"documents":[{"document_type":"…","fields":{…}}]}.';

function completeAction(ctx) {
	const task = findTask(ctx);
	if (!task || !checkActionState(ctx, task, 'pending:complete_client_action')) return;
	const { corrections, error } = readActionBody(ctx, task, 'complete');
	if (error) return sendProblem(ctx.res, error[0], error[1], error[2], error[3] ?? EXPECTED_RESULTS);
	if (task.client_action === 'validation') {
		if (corrections) task.corrections = corrections;
		task.state = 'pending:start_client_action';
		task.client_action = 'export';
		task.nextAt = null;
		task.files = new Map();
	} else {
		finish(task, 'completed', Date.now());
	}
	sendJson(ctx.res, 200, taskResource(task));
}

function cancelAction(ctx) {
	const task = findTask(ctx);
	if (!task || !checkActionState(ctx, task, 'pending:complete_client_action')) return;
	const { corrections, error } = readActionBody(ctx, task, 'cancel');
	if (error) return sendProblem(ctx.res, error[0], error[1], error[2], error[3] ?? EXPECTED_RESULTS);
	// What was validated so far is kept, to be completed later.
	if (corrections) task.corrections = corrections;
	task.state = 'pending:start_client_action';
	task.nextAt = null;
	sendJson(ctx.res, 200, taskResource(task));
}

function failAction(ctx) {
	const task = findTask(ctx);
	if (!task || !checkActionState(ctx, task, 'pending:complete_client_action')) return;
	const body = parseJson(ctx.body);
	if (!body || typeof body.message !== 'string' || !body.message.trim()) {
		return sendProblem(ctx.res, 422, 'invalid-request', 'The request body does not match the schema', 'Send {"message": "<why it failed>"}.');
	}
	task.failureMessage = body.message;
	finish(task, 'failed', Date.now());
	sendJson(ctx.res, 200, taskResource(task));
}

function getTaskFile(ctx) {
	const task = findTask(ctx);
	if (!task) return;
	const file = task.files.get(ctx.params.fileId);
	if (!file) {
		return sendProblem(ctx.res, 404, 'file-not-found', 'File not found', `Task '${task.id}' has no file '${ctx.params.fileId}' (files are deleted when the task ends).`);
	}
	send(ctx.res, 200, { 'Content-Type': file.content_type, 'Content-Disposition': `attachment; filename="${file.name.replace(/"/g, '')}"` }, file.bytes);
}

const taskRoutes = [
	route('GET', '/projects', listProjects),
	route('POST', '/projects', uploadProject),
	route('GET', '/projects/:id', (ctx) => {
		const project = findProject(ctx, ctx.params.id);
		if (project) sendJson(ctx.res, 200, projectResource(project));
	}),
	route('DELETE', '/projects/:id', (ctx) => {
		if (!findProject(ctx, ctx.params.id)) return;
		ctx.state.projects.delete(ctx.params.id);
		send(ctx.res, 204, {});
	}),
	route('POST', '/tasks', createTask),
	route('GET', '/tasks', listTasks),
	route('GET', '/tasks/:id', (ctx) => {
		const task = findTask(ctx);
		if (task) sendJson(ctx.res, 200, taskResource(task));
	}),
	route('GET', '/tasks/:id/files/:fileId', getTaskFile),
	route('POST', '/tasks/:id/client_actions/:action/start', startAction),
	route('POST', '/tasks/:id/client_actions/:action/complete', completeAction),
	route('POST', '/tasks/:id/client_actions/:action/cancel', cancelAction),
	route('POST', '/tasks/:id/client_actions/:action/fail', failAction),
];

/** The task with what clients sent to its client actions, for tests (admin route). */
function taskDetails(state, id) {
	refreshTasks(state);
	const task = state.tasks.get(id);
	if (!task) return { error: `no task '${id}'` };
	return { task: { ...taskResource(task), client_action_bodies: task.clientActionBodies.map((entry) => ({ ...entry })) } };
}

module.exports = { taskRoutes, advanceTask, refreshTasks, taskResource, taskDetails };
