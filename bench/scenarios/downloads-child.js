// One download measurement in a process of its own (so RSS is clean): the node under test fetches
// the fake's large searchable PDF of one document into n8n's binary data (the run's binary mode).
// 'read': Aluma Document → Read, Output "Searchable PDF" (it also runs the read, PUT /reads);
// 'api': Aluma API Request GET /documents/{id}/reads, Accept application/pdf, Response Format "File";
// 'stock': n8n's HTTP Request node, the same GET with the alumaApi credential, response format file.
// Measured: peak RSS during the workflow minus RSS just before it (after a full GC), sampled by
// bench/lib/rss.js. The output binary must hold exactly the bytes the fake announced.
// Input (argv[2], JSON): { fakeUrl, mode: 'filesystem'|'memory', variant: 'read'|'api'|'stock', documentId, sizeBytes }
// Output: one JSON line on stdout.
'use strict';

const { measurePeakGrowth } = require('../lib/rss');

const args = JSON.parse(process.argv[2]);

async function main() {
	const env = require('../lib/env');
	const path = `/documents/${args.documentId}/reads`;
	const accept = { parameters: [{ name: 'Accept', value: 'application/pdf' }] };
	const variants = {
		read: { type: 'n8n-nodes-aluma.aluma', parameters: { resource: 'document', operation: 'read', documentId: args.documentId, readOutput: 'pdf' } },
		api: {
			type: 'n8n-nodes-aluma.aluma',
			parameters: { resource: 'apiRequest', operation: 'send', method: 'GET', path, bodyType: 'none', responseFormat: 'file', headerParameters: accept, options: {} },
		},
		stock: {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'GET',
				url: `${args.fakeUrl}${path}`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'alumaApi',
				sendHeaders: true,
				headerParameters: accept,
				options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } },
			},
		},
	};
	const credential = env.newCredential(args.fakeUrl);
	const nodeTypes = [env.Aluma];
	if (args.variant === 'stock') nodeTypes.push(require('../lib/n8n-nodes-base').loadNodesBase().HttpRequest);
	await env.harness.ensureHarness();
	const { result, baseline, peak, samples, growth } = await measurePeakGrowth(
		async () =>
			await env.harness.runNodeWorkflow({
				nodeTypes,
				credentialTypes: [env.AlumaApi],
				credentials: credential.store,
				node: { ...variants[args.variant], name: 'Download', credentials: credential.ref },
				items: [{ json: {} }],
				binaryMode: args.mode,
				// n8n lets the HTTP Request node use any credential only under its real type name.
				packageName: args.variant === 'stock' ? 'n8n-nodes-base' : 'n8n-nodes-aluma',
			}),
	);
	env.assertSuccess(result, `${args.variant} download (${args.mode})`);
	const binary = result.outputs[0][0].binary?.data;
	if (!binary) throw new Error('the download produced no binary data');
	if (binary.bytes !== args.sizeBytes) throw new Error(`the binary holds ${binary.bytes} bytes, not ${args.sizeBytes}`);
	if ((args.mode === 'filesystem') !== Boolean(binary.id)) throw new Error(`the binary is not stored as ${args.mode} mode stores it`);
	process.stdout.write(
		`${JSON.stringify({ ok: true, sizeBytes: args.sizeBytes, baselineRss: baseline, peakRss: peak, growth, samples, durationMs: result.durationMs })}\n`,
	);
	await env.harness.closeHarness();
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stdout.write(`${JSON.stringify({ ok: false, error: String(error && error.stack ? error.stack : error) })}\n`);
		process.exit(1);
	},
);
