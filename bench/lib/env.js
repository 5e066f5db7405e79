// Everything the scenarios share: the repo's node and credential (TypeScript, loaded through
// register.js), the workflow-test harness (n8n-core's WorkflowExecute in-process), n8n's own
// nodes for the stock side, credentials and items.
'use strict';

require('../register');
const fs = require('node:fs');
const path = require('node:path');

const { CLIENT } = require('./fake');

const ROOT = path.resolve(__dirname, '..', '..');

const harness = require('../../test/workflow/harness/index.ts');
const { Aluma } = require('../../nodes/Aluma/Aluma.node.ts');
const { AlumaApi } = require('../../credentials/AlumaApi.credentials.ts');

let credentialCounter = 0;

/** A fresh credential (empty token) in its own store, as a user creates it in n8n. */
function newCredential(baseUrl, id = `bench-cred-${++credentialCounter}`) {
	const store = new harness.InMemoryCredentialStore().add({
		id,
		name: `Aluma ${id}`,
		type: 'alumaApi',
		data: { ...CLIENT, baseUrl, accessToken: '' },
	});
	return { store, ref: { alumaApi: { id, name: `Aluma ${id}` } }, id };
}

const jsonItems = (count) => Array.from({ length: count }, (_, i) => ({ json: { i } }));

const INVOICE = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'invoice.pdf'));

const fileItems = (count, buffer = INVOICE) =>
	Array.from({ length: count }, (_, i) => ({
		json: { i },
		binary: { data: { buffer, fileName: `invoice-${i}.pdf`, mimeType: 'application/pdf' } },
	}));

/** Runs the Aluma node (node type registered as in a community install) on items. */
async function runAluma({ credential, parameters, items, binaryMode, chain = [], nodeTypes = [] }) {
	return await harness.runNodeWorkflow({
		nodeTypes: [Aluma, ...nodeTypes],
		credentialTypes: [AlumaApi],
		credentials: credential.store,
		node: { type: 'n8n-nodes-aluma.aluma', parameters, credentials: credential.ref },
		items,
		binaryMode,
		chain,
	});
}

/** Throws with the engine's message when a run did not succeed (a benchmark of a failed run is void). */
function assertSuccess(result, what) {
	if (result.status !== 'success') {
		const message = result.error ? result.error.message : 'unknown error';
		const description = result.error && result.error.description ? ` (${result.error.description})` : '';
		throw new Error(`${what}: the workflow ended with status ${result.status}: ${message}${description}`);
	}
	return result;
}

module.exports = { ROOT, harness, Aluma, AlumaApi, newCredential, jsonItems, fileItems, INVOICE, runAluma, assertSuccess };
