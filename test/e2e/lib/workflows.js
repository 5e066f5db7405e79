// Builders for the small workflows the e2e cases import. A workflow here is a straight chain:
// Manual Trigger → node → node …; ids are fixed so cases can execute them by id.
'use strict';

const path = require('node:path');

const CREDENTIAL_TYPE = 'alumaApi';
const ALUMA_NODE_TYPE = 'n8n-nodes-aluma.aluma';

function manualTrigger(name = 'Start') {
	return { id: 'start', name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
}

/** An Aluma node using credential `credentialId`. */
function alumaNode({ name = 'Aluma', credentialId, parameters, typeVersion = 1 }) {
	return {
		name,
		type: ALUMA_NODE_TYPE,
		typeVersion,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: credentialId } },
	};
}

/** Extract From File on binary property `data` with the invoice extractor, at `concurrency`. */
function extractFromFileParameters(concurrency) {
	return {
		resource: 'document',
		operation: 'extractFromFile',
		source: 'binary',
		binaryPropertyName: 'data',
		extractor: { __rl: true, mode: 'name', value: 'aluma.invoices.gb' },
		options: { concurrency },
	};
}

/** Two nodes that turn one item into `count` items ({ n: 0 … count - 1 }). */
function numberedItemNodes(count, name = 'Items') {
	return [
		{
			name,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: `={{ JSON.stringify({ n: Array.from({ length: ${count} }, (_, i) => i) }) }}`, options: {} },
		},
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'n', options: {} } },
	];
}

/** The API Request operation. */
function apiRequestNode({ name = 'Aluma', credentialId, method = 'GET', path, extra = {} }) {
	return alumaNode({
		name,
		credentialId,
		parameters: { resource: 'apiRequest', operation: 'send', method, path, responseFormat: 'json', options: {}, ...extra },
	});
}

/** A Wait node that resumes at an ISO date taken from an expression (in-process when < 65 s away). */
function waitUntilNode({ name = 'Wait', dateTime }) {
	return { name, type: 'n8n-nodes-base.wait', typeVersion: 1.1, parameters: { resume: 'specificTime', dateTime } };
}

/** Absolute path of a file in test/fixtures (n8n's file nodes may read that folder during the e2e run). */
function fixture(name) {
	return path.resolve(__dirname, '..', '..', 'fixtures', name);
}

/** Reads a file from disk into binary property `data` (fixtures live in test/fixtures). */
function readFileNode({ name = 'Read File', filePath }) {
	return {
		name,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		parameters: { operation: 'read', fileSelector: filePath, options: {} },
	};
}

/**
 * Moves a binary property into the JSON field of the same name as base64 (n8n's Extract From File,
 * "Move File to Base64 String"), so the bytes reach the run data whatever the binary data mode.
 */
function toBase64Node({ name, property = 'data' }) {
	return {
		name,
		type: 'n8n-nodes-base.extractFromFile',
		typeVersion: 1,
		parameters: { operation: 'binaryToPropery', binaryPropertyName: property, destinationKey: property, options: {} },
	};
}

/**
 * A workflow `Start → …` from nodes and edges `[from, to]` (node names; Start is the trigger), with
 * ids and positions filled in. Fan-outs run top to bottom in `nodes` order (execution order v1).
 */
function graph({ id, name = id, nodes, edges }) {
	const all = [manualTrigger(), ...nodes].map((node, index) => ({
		id: node.id ?? `node${index}`,
		position: [index * 220, index * 40],
		...node,
	}));
	const connections = {};
	for (const [from, to] of edges) {
		for (const end of [from, to]) if (!all.some((node) => node.name === end)) throw new Error(`workflow ${id}: no node named ${end}`);
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	if (id.length > 21) throw new Error(`workflow id ${id} is longer than 21 characters`);
	return { id, name: `e2e: ${name}`, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections, pinData: {} };
}

/** A workflow `Start → nodes[0] → nodes[1] …`. */
function chain({ id, name = id, nodes }) {
	const names = ['Start', ...nodes.map((node) => node.name)];
	return graph({ id, name, nodes, edges: names.slice(1).map((to, index) => [names[index], to]) });
}

module.exports = {
	CREDENTIAL_TYPE,
	ALUMA_NODE_TYPE,
	fixture,
	manualTrigger,
	alumaNode,
	extractFromFileParameters,
	numberedItemNodes,
	apiRequestNode,
	waitUntilNode,
	readFileNode,
	toBase64Node,
	graph,
	chain,
};
