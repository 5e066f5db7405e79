// Workflows for queue mode: started by a production webhook, so the main enqueues them and a worker
// runs them (manual runs would stay on the main unless offloaded).
'use strict';

const crypto = require('node:crypto');
const { loadExamples } = require('../../e2e/lib/examples');
const { alumaNode, extractFromFileParameters, fixture, numberedItemNodes, readFileNode } = require('../../e2e/lib/workflows');

/** `Webhook → nodes[0] → nodes[1] …`; the webhook answers with every item of the last node. */
function webhookChain({ id, name = id, webhookPath, nodes }) {
	const webhook = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: crypto.createHash('sha1').update(id).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
	const all = [webhook, ...nodes].map((node, index) => ({ id: `node${index}`, position: [index * 220, 0], ...node }));
	const connections = {};
	all.slice(1).forEach((node, index) => {
		connections[all[index].name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	});
	if (id.length > 21) throw new Error(`workflow id ${id} is longer than 21 characters`);
	return { id, name: `queue: ${name}`, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections, pinData: {} };
}

/** `count` items, each the PDF fixture, through Extract From File at `concurrency`. */
function extractionBatch({ id, webhookPath, credentialId, count, concurrency }) {
	return webhookChain({
		id,
		webhookPath,
		nodes: [
			...numberedItemNodes(count),
			readFileNode({ filePath: fixture('invoice.pdf') }),
			alumaNode({ credentialId, parameters: extractFromFileParameters(concurrency) }),
		],
	});
}

/** examples/export-loop.json as shipped, its credential pointed at `credentialId`. */
function exportLoop({ id, credentialId }) {
	const { workflow } = loadExamples(credentialId).find(({ file }) => file === 'export-loop.json');
	return { ...workflow, id, name: 'queue: export loop', active: false };
}

module.exports = { webhookChain, extractionBatch, exportLoop };
