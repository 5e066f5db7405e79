// What the queue-mode cases ask the main: activate a workflow, call its webhook, read back the
// executions the workers ran (with their run data), and count the fake's log per process.
'use strict';

const path = require('node:path');

const { sleep } = require('../../e2e/lib/util');

async function activate(server, workflowId) {
	const stored = await server.rest('GET', `/rest/workflows/${workflowId}`);
	if (stored.status !== 200) throw new Error(`GET workflow ${workflowId}: HTTP ${stored.status} ${stored.text.slice(0, 300)}`);
	const activated = await server.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId: stored.json.data.versionId });
	if (activated.status !== 200) throw new Error(`activate ${workflowId}: HTTP ${activated.status} ${activated.text.slice(0, 300)}`);
	// a webhook called at once after activation was seen answering 404 in queue mode
	await sleep(2000);
}

async function deactivate(server, workflowId) {
	await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {});
}

/**
 * A case's run with its workflow active: activates it, runs `body(server)` and, however that ends,
 * starts again any worker the case stopped, then deactivates the workflow, so the next case finds
 * both workers up and no webhook or trigger of this one. `t.server()` is asked each time: a case
 * may restart the main.
 */
async function whileActive(t, workflowId, body) {
	await activate(t.server(), workflowId);
	try {
		return await body(t.server());
	} finally {
		await t.cluster.startMissingWorkers();
		await deactivate(t.server(), workflowId);
	}
}

/** POSTs to a production webhook; resolves with { status, json } (the last node's items when it worked). */
async function callWebhook(server, webhookPath, body = {}) {
	const response = await fetch(`${server.url}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(300_000),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}

/** Run data of an execution, whatever form n8n sends it in (flatted text or an object). */
function runDataOf(n8nDir, execution) {
	const flatted = require(path.join(n8nDir, 'app', 'node_modules', 'flatted'));
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return data?.resultData?.runData ?? {};
}

/** Executions of a workflow (newest first), as listed: { id, status, mode, ... }. */
async function listExecutions(server, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await server.rest('GET', `/rest/executions?filter=${filter}&limit=100`);
	if (list.status !== 200) throw new Error(`GET executions: HTTP ${list.status} ${list.text.slice(0, 300)}`);
	return list.json?.data?.results ?? [];
}

/** One execution with its run data: { id, status, runData }. */
async function readExecution(server, n8nDir, id) {
	const full = await server.rest('GET', `/rest/executions/${id}`);
	const execution = full.json?.data;
	if (!execution) throw new Error(`GET execution ${id}: HTTP ${full.status}`);
	return { id, status: execution.status, runData: runDataOf(n8nDir, execution) };
}

/** Waits until the workflow has `count` finished executions (bounded); resolves with the list. */
async function waitForExecutions(server, workflowId, count, { timeoutMs = 120_000 } = {}) {
	const started = Date.now();
	let finished = [];
	while (Date.now() - started < timeoutMs) {
		const all = await listExecutions(server, workflowId);
		finished = all.filter((x) => !['new', 'running', 'waiting'].includes(x.status));
		if (finished.length >= count) return finished;
		await sleep(500);
	}
	throw new Error(`${workflowId}: ${finished.length} of ${count} executions finished within ${timeoutMs / 1000} s`);
}

/** Counts log entries matching `predicate` per sending process: { main: n, 'worker-1': n, … }. */
function perOrigin(log, predicate) {
	const counts = {};
	for (const entry of log) if (predicate(entry)) counts[entry.origin ?? 'untagged'] = (counts[entry.origin ?? 'untagged'] ?? 0) + 1;
	return counts;
}

const isTokenExchange = (entry) => entry.route === 'POST /oauth/token' && entry.status === 200;
const isUnauthorized = (entry) => entry.status === 401;
const isCreation = (entry) => entry.route === 'POST /documents' && entry.status === 201;

module.exports = { activate, deactivate, whileActive, callWebhook, listExecutions, readExecution, waitForExecutions, perOrigin, isTokenExchange, isUnauthorized, isCreation };
