// A user stops a running execution (the editor's Stop, i.e. POST /rest/executions/<id>/stop) in the
// middle of a 20-item Extract From File batch at concurrency 5. n8n aborts every in-flight
// authenticated request of that execution; the node must still delete every document it created
// (each holds one of the API client's slots for 10 minutes otherwise) and start nothing new.
'use strict';

const { alumaNode, chain, extractFromFileParameters, fixture, numberedItemNodes, readFileNode } = require('../lib/workflows');

const CRED = 'e2eCredStop00001';
const WF = 'e2eStopMidBatch01';
const ITEMS = 20;

const workflow = chain({
	id: WF,
	name: 'stop mid-batch',
	nodes: [
		...numberedItemNodes(ITEMS, 'Twenty'),
		readFileNode({ filePath: fixture('invoice.pdf') }),
		alumaNode({ credentialId: CRED, parameters: extractFromFileParameters(5) }),
	],
});

async function settled(t, maxMs = 30_000) {
	const started = Date.now();
	let stats = await t.fake.stats();
	let quietSince = Date.now();
	let last = JSON.stringify([stats.documentsCreated, stats.documentsDeleted, stats.liveDocuments]);
	while (Date.now() - started < maxMs) {
		await t.sleep(250);
		stats = await t.fake.stats();
		const now = JSON.stringify([stats.documentsCreated, stats.documentsDeleted, stats.liveDocuments]);
		if (now !== last) {
			last = now;
			quietSince = Date.now();
		} else if (Date.now() - quietSince > 2000) break;
	}
	return stats;
}

module.exports = {
	title: 'a stopped execution (REST stop mid-batch) leaves 0 documents and sends nothing new',
	credentials: [{ id: CRED }],
	workflows: [workflow],
	async run(t) {
		const server = await t.server();
		await t.fake.setConfig({ latencyMs: 1500 });
		const executionId = await server.runWorkflow(workflow, 'Start');

		// Wait until the batch is in flight: documents created, extractions running.
		for (let i = 0; i < 80 && (await t.fake.stats()).liveDocuments < 5; i++) await t.sleep(100);
		const before = await t.fake.stats();
		t.assert.ok(before.liveDocuments >= 1, `documents in flight before the stop: ${before.liveDocuments}`);

		const stop = await server.rest('POST', `/rest/executions/${executionId}/stop`);
		const stoppedAt = Date.now();
		t.assert.equal(stop.status, 200, `stop: HTTP ${stop.status} ${t.mask(stop.text).slice(0, 200)}`);

		const after = await settled(t);
		const log = await t.fake.requests();
		const createdAfterStop = log.filter((entry) => entry.route === 'POST /documents' && entry.at > stoppedAt + 200).length;
		const deletes = log.filter((entry) => entry.route === 'DELETE /documents/:id');
		t.note(
			`${before.liveDocuments} live at the stop; then created ${after.documentsCreated} in all, deleted ${after.documentsDeleted}, ${after.liveDocuments} left; ${createdAfterStop} creations after the stop; deletes ${deletes.map((d) => d.status).join(',')}`,
		);
		t.assert.equal(after.liveDocuments, 0, 'no document left in Aluma');
		t.assert.equal(after.documentsDeleted, after.documentsCreated, 'every created document was deleted');
		t.assert.ok(after.documentsCreated < ITEMS, `the batch did not run to the end (${after.documentsCreated} created)`);
		t.assert.equal(createdAfterStop, 0, 'nothing new created after the stop');
		t.assert.ok(deletes.every((entry) => entry.tokenId?.startsWith('tok-')), 'the clean-up carried the token (to the Aluma host)');

		const execution = await server.rest('GET', `/rest/executions/${executionId}`);
		const status = execution.json?.data?.status;
		t.assert.ok(['canceled', 'error'].includes(status), `execution status: ${status}`);
	},
};
