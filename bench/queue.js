#!/usr/bin/env node
// `npm run bench:queue` — 200 one-step extractions (Extract From File) spread over 10 executions
// started at once by a webhook, with Aluma's processing latency injected, run side by side in one
// run on n8n 2.41.1 as one process (regular mode) and as main + 2 workers (queue mode), both on
// PostgreSQL. The API client's allowance (30 live documents) is the bound, not the number of
// processes: the ideal is ⌈200 / 30⌉ rounds of the latency (the "allowance floor"), and the figure
// is wall time ÷ floor. At concurrency 3 the executions ask for exactly 30 slots; at 5 for 50, so
// 20 items at a time wait for a slot another execution (maybe in another process) frees.
//
//   node bench/queue.js [--runs 2] [--latency 1000] [--json results.json]
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { Masker } = require('../test/e2e/lib/util');
const { startFake } = require('../test/e2e/lib/fake');
const { setupN8n } = require('../test/e2e/lib/n8n');
const { buildAndPack, installPackage } = require('../test/e2e/lib/package');
const { ensureServices } = require('../test/queue/lib/services');
const { QueueCluster, startServices } = require('../test/queue/lib/cluster');
const { extractionBatch } = require('../test/queue/lib/workflows');
const { activate, callWebhook, perOrigin, isCreation, isTokenExchange } = require('../test/queue/lib/executions');

const ROOT = path.resolve(__dirname, '..');
const EXECUTIONS = 10;
const ITEMS = 20;
const ALLOWANCE = 30;
const CONCURRENCIES = [3, 5];
const CLIENT_ID = 'aluma-bench-client';
const CRED = 'benchQueueCred01';

const say = (line = '') => process.stderr.write(`${line}\n`);

/**
 * Where the time above the floor went, from the fake's arrival times (a document counts as live
 * from its upload's arrival to its deletion's arrival): before the first upload (n8n starting the
 * executions), after the last deletion (n8n answering the webhooks), how long a document waits
 * between its extraction's arrival and its deletion's beyond the injected latency (the extraction
 * answer and the node's work per item), and how much of the allowance was in use between the first
 * upload and the last deletion.
 */
function timeline(log, startedAt, endedAt, latencyMs) {
	const extractedAt = new Map();
	const extractToDelete = [];
	const events = [];
	for (const entry of log) {
		const documentId = /^\/documents\/([^/]+)/.exec(entry.path)?.[1];
		if (isCreation(entry)) events.push({ at: entry.at, delta: 1 });
		if (entry.route === 'POST /documents/:id/extract/:extractor' && !extractedAt.has(documentId)) extractedAt.set(documentId, entry.at);
		if (entry.route === 'DELETE /documents/:id') {
			events.push({ at: entry.at, delta: -1 });
			if (extractedAt.has(documentId)) extractToDelete.push(entry.at - extractedAt.get(documentId));
		}
	}
	events.sort((a, b) => a.at - b.at);
	if (events.length === 0) return {};
	const first = events[0].at;
	const last = events[events.length - 1].at;
	let live = 0;
	let usedSlotMs = 0;
	for (let i = 0; i < events.length; i++) {
		live += events[i].delta;
		const next = events[i + 1]?.at ?? last;
		usedSlotMs += Math.min(live, ALLOWANCE) * (next - events[i].at);
	}
	const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
	return {
		startupMs: first - startedAt,
		tailMs: endedAt - last,
		extractToDeleteBeyondLatencyMs: Math.round(mean(extractToDelete) - latencyMs),
		allowanceInUse: last > first ? usedSlotMs / (ALLOWANCE * (last - first)) : 0,
	};
}

async function measure(fake, server, concurrency, latencyMs) {
	await fake.reset();
	await fake.setConfig({ latencyMs });
	const started = Date.now();
	const answers = await Promise.all(Array.from({ length: EXECUTIONS }, () => callWebhook(server, `bench-queue-c${concurrency}`)));
	const wallMs = Date.now() - started;
	const items = answers.reduce((sum, answer) => sum + (answer.status === 200 && Array.isArray(answer.json) ? answer.json.length : 0), 0);
	if (items !== EXECUTIONS * ITEMS) throw new Error(`only ${items} of ${EXECUTIONS * ITEMS} items came back: ${answers.map((a) => a.status).join(',')}`);
	const stats = await fake.stats();
	const log = await fake.requests();
	const floorMs = Math.ceil((EXECUTIONS * ITEMS) / ALLOWANCE) * latencyMs;
	return {
		...timeline(log, started, started + wallMs, latencyMs),
		wallMs,
		floorMs,
		ratio: wallMs / floorMs,
		peakLive: stats.peakLiveDocuments,
		capAnswers: stats.documentCapAnswers,
		left: stats.liveDocuments,
		exchanges: perOrigin(log, isTokenExchange),
	};
}

async function main() {
	const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' }, latency: { type: 'string', default: '1000' }, json: { type: 'string' } } });
	const runs = Number(values.runs);
	const latencyMs = Number(values.latency);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-bench-queue-'));
	const masker = new Masker();
	const secret = crypto.randomBytes(18).toString('base64url');
	masker.add(secret);
	let services;
	let fake;
	let cluster;
	const results = [];
	try {
		await ensureServices(say);
		const setup = await setupN8n({ repoRoot: ROOT, version: '2.41.1', logFile: path.join(workDir, 'setup.log') });
		const tarball = await buildAndPack(ROOT, workDir, say);
		services = await startServices(workDir);
		fake = await startFake({ repoRoot: ROOT, logFile: path.join(workDir, 'fake-aluma.log'), clientId: CLIENT_ID, clientSecret: secret });
		const userFolder = path.join(workDir, 'home-main');
		await installPackage(tarball, userFolder);
		cluster = new QueueCluster({ dir: setup.dir, version: '2.41.1', userFolder, workDir, logDir: workDir, masker, fixturesDir: path.join(ROOT, 'test', 'fixtures'), tarball, ...services, mode: 'regular' });
		await cluster.importCredentials([{ id: CRED, name: CRED, type: 'alumaApi', data: { clientId: CLIENT_ID, clientSecret: secret, baseUrl: fake.url, accessToken: '', tokenExpiresAt: 0 } }]);
		const workflows = CONCURRENCIES.map((c) => extractionBatch({ id: `benchQueueC${c}`, webhookPath: `bench-queue-c${c}`, credentialId: CRED, count: ITEMS, concurrency: c }));
		await cluster.importWorkflows(workflows);

		for (const setupName of ['one process', 'main + 2 workers']) {
			cluster.mode = setupName === 'one process' ? 'regular' : 'queue';
			say(`[bench:queue] starting n8n: ${setupName}`);
			const [server] = await Promise.all([cluster.startMain(), ...(cluster.mode === 'queue' ? [cluster.startWorker('worker-1'), cluster.startWorker('worker-2')] : [])]);
			for (const workflow of workflows) await activate(server, workflow.id);
			for (const concurrency of CONCURRENCIES) {
				for (let run = 1; run <= runs; run++) {
					const result = { setup: setupName, concurrency, run, ...(await measure(fake, server, concurrency, latencyMs)) };
					results.push(result);
					say(`[bench:queue] ${setupName}, concurrency ${concurrency}, run ${run}: ${(result.wallMs / 1000).toFixed(2)} s = ${result.ratio.toFixed(2)} × floor; peak live ${result.peakLive}; cap answers ${result.capAnswers}; exchanges ${JSON.stringify(result.exchanges)}; before the first upload ${result.startupMs} ms, after the last deletion ${result.tailMs} ms, extraction → deletion ${result.extractToDeleteBeyondLatencyMs} ms beyond the latency, allowance in use ${(100 * result.allowanceInUse).toFixed(1)} %`);
				}
			}
			for (const workflow of workflows) await server.rest('POST', `/rest/workflows/${workflow.id}/deactivate`, {});
			await cluster.stopAll();
		}
	} finally {
		if (cluster) await cluster.stopAll().catch(() => undefined);
		if (fake) await fake.stop().catch(() => undefined);
		if (services) await services.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}

	const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
	const floorMs = Math.ceil((EXECUTIONS * ITEMS) / ALLOWANCE) * latencyMs;
	const lines = [
		`${EXECUTIONS} executions × ${ITEMS} items, Extract From File, ${latencyMs} ms Aluma latency per extraction; allowance ${ALLOWANCE}; floor ⌈${EXECUTIONS * ITEMS}/${ALLOWANCE}⌉ × ${latencyMs} ms = ${floorMs / 1000} s; median of ${runs} runs (the lower middle one for an even count)`,
		`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}; ${new Date().toISOString()}`,
		'',
		'| Set-up | Concurrency (slots asked) | Wall time | × floor | Peak live documents | Cap answers | Token exchanges per process | Before first upload | After last deletion | Allowance in use |',
		'|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const setupName of ['one process', 'main + 2 workers']) {
		for (const concurrency of CONCURRENCIES) {
			const rows = results.filter((r) => r.setup === setupName && r.concurrency === concurrency);
			const mid = rows.find((r) => r.wallMs === median(rows.map((x) => x.wallMs)));
			lines.push(`| ${setupName} | ${concurrency} (${concurrency * EXECUTIONS}) | ${(mid.wallMs / 1000).toFixed(2)} s | ${mid.ratio.toFixed(2)} | ${Math.max(...rows.map((r) => r.peakLive))} | ${median(rows.map((r) => r.capAnswers))} | ${JSON.stringify(mid.exchanges)} | ${(mid.startupMs / 1000).toFixed(2)} s | ${(mid.tailMs / 1000).toFixed(2)} s | ${(100 * mid.allowanceInUse).toFixed(1)} % |`);
		}
	}
	process.stdout.write(`${lines.join('\n')}\n`);
	if (values.json) fs.writeFileSync(values.json, JSON.stringify({ latencyMs, runs, results }, null, 2));
}

main().catch((error) => {
	say(`[bench:queue] ${error.stack ?? error}`);
	process.exit(1);
});
