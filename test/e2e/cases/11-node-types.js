// n8n loads the package from .n8n/nodes/node_modules: the Aluma node, its AI-tool variant, the
// trigger and the credential type are registered.
'use strict';

const WANTED = ['n8n-nodes-aluma.aluma', 'n8n-nodes-aluma.alumaTool', 'n8n-nodes-aluma.alumaTrigger'];

module.exports = {
	title: 'node types include n8n-nodes-aluma.aluma and the AI tool variant alumaTool',
	async run(t) {
		const exported = (await t.n8n.exportNodeTypes()).map((n) => n.name);
		for (const name of WANTED) t.assert.ok(exported.includes(name), `n8n export:nodes lists ${name}`);

		const server = await t.server();
		const nodes = await server.rest('GET', '/types/nodes.json');
		t.assert.equal(nodes.status, 200);
		const served = nodes.json.map((n) => n.name);
		for (const name of WANTED) t.assert.ok(served.includes(name), `/types/nodes.json lists ${name}`);
		const tool = nodes.json.find((n) => n.name === 'n8n-nodes-aluma.alumaTool');
		t.assert.ok(tool.outputs?.includes?.('ai_tool') || JSON.stringify(tool.outputs).includes('ai_tool'), 'alumaTool has an ai_tool output');
		const credentials = await server.rest('GET', '/types/credentials.json');
		t.assert.equal(credentials.status, 200);
		t.assert.ok(credentials.json.some((c) => c.name === 'alumaApi'), '/types/credentials.json lists alumaApi');
		t.note(`${served.filter((n) => n.startsWith('n8n-nodes-aluma.')).join(', ')} of ${served.length} node types`);
	},
};
