// One memory measurement in a process of its own (so RSS is clean): a "Read File" node streams a
// generated file into n8n's binary data (the run's binary mode), then the node under test uploads
// it ('aluma': Create Document; 'stock': HTTP Request, binary body, predefined alumaApi credential;
// 'control': a pass-through node, i.e. what n8n itself holds with no upload at all).
// Measured: peak RSS during the workflow minus RSS just before it (after a full GC), sampled by
// bench/lib/rss.js. Comparing with the 'control' run of the
// same mode separates what the upload adds from what n8n's binary mode costs anyway (freed memory
// that the allocator keeps makes "growth during the upload step alone" unreliable).
// Input (argv[2], JSON): { fakeUrl, mode: 'filesystem'|'memory', variant: 'aluma'|'stock'|'control', sizeBytes }
// Output: one JSON line on stdout.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { measurePeakGrowth } = require('../lib/rss');

const args = JSON.parse(process.argv[2]);
const MB = 1024 * 1024;

async function main() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-bench-mem-'));
	const file = path.join(dir, 'big.tiff');
	try {
		// A TIFF header and pseudo-random bytes: Aluma-like type detection is instant, nothing compresses.
		const chunk = crypto.randomBytes(MB);
		const fd = fs.openSync(file, 'w');
		fs.writeSync(fd, Buffer.from('II*\0', 'latin1'));
		let written = 4;
		while (written < args.sizeBytes) {
			const n = Math.min(MB, args.sizeBytes - written);
			fs.writeSync(fd, chunk, 0, n);
			written += n;
		}
		fs.closeSync(fd);

		const env = require('../lib/env');

		// The file enters n8n as "Read/Write Files from Disk" does it: a stream into prepareBinaryData.
		class ReadFile {
			description = {
				displayName: 'Read File',
				name: 'benchReadFile',
				group: ['input'],
				version: 1,
				description: 'Streams the generated file into n8n binary data',
				defaults: { name: 'Read File' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [],
			};

			async execute() {
				const binary = await this.helpers.prepareBinaryData(fs.createReadStream(file), 'big.tiff', 'image/tiff');
				return [[{ json: {}, binary: { data: binary } }]];
			}
		}

		class PassThrough {
			description = {
				displayName: 'Pass Through',
				name: 'benchPassThrough',
				group: ['transform'],
				version: 1,
				description: 'Returns its input (control run: no upload)',
				defaults: { name: 'Pass Through' },
				inputs: ['main'],
				outputs: ['main'],
				properties: [],
			};

			async execute() {
				return [this.getInputData()];
			}
		}

		const credential = env.newCredential(args.fakeUrl);
		const variants = {
			aluma: { type: 'aluma', parameters: { resource: 'document', operation: 'create', binaryPropertyName: 'data', options: {} } },
			control: { type: 'benchPassThrough' },
			stock: {
						type: 'n8n-nodes-base.httpRequest',
						typeVersion: 4.2,
						parameters: {
							method: 'POST',
							url: `${args.fakeUrl}/documents`,
							authentication: 'predefinedCredentialType',
							nodeCredentialType: 'alumaApi',
							sendBody: true,
							contentType: 'binaryData',
							inputDataFieldName: 'data',
							options: {},
						},
					},
		};
		const underTest = variants[args.variant];
		const nodeTypes = [ReadFile, PassThrough];
		if (args.variant === 'stock') nodeTypes.push(require('../lib/n8n-nodes-base').loadNodesBase().HttpRequest);
		await env.harness.ensureHarness();
		const { result, baseline, peak, samples } = await measurePeakGrowth(
			async () =>
				await env.harness.runNodeWorkflow({
					nodeTypes: [env.Aluma, ...nodeTypes],
					credentialTypes: [env.AlumaApi],
					credentials: credential.store,
					node: { type: 'benchReadFile' },
					chain: [{ ...underTest, name: 'Upload', credentials: credential.ref }],
					binaryMode: args.mode,
					// n8n lets the HTTP Request node use any credential only under its real type name.
					packageName: args.variant === 'stock' ? 'n8n-nodes-base' : 'n8n-nodes-aluma',
				}),
		);
		env.assertSuccess(result, `${args.variant} upload (${args.mode})`);
		const uploaded = result.outputsOf('Upload')[0][0].json;
		const size = args.variant === 'control' ? null : (uploaded._embedded?.files?.[0]?.size ?? uploaded.size);
		if (size !== null && size !== args.sizeBytes) throw new Error(`Aluma received ${size} bytes, not ${args.sizeBytes}`);
		process.stdout.write(
			`${JSON.stringify({
				ok: true,
				sizeBytes: args.sizeBytes,
				serverSize: size,
				baselineRss: baseline,
				peakRss: peak,
				growth: peak - baseline,
				maxRssKb: process.resourceUsage().maxRSS,
				samples,
				durationMs: result.durationMs,
			})}\n`,
		);
		await env.harness.closeHarness();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stdout.write(`${JSON.stringify({ ok: false, error: String(error && error.stack ? error.stack : error) })}\n`);
		process.exit(1);
	},
);
