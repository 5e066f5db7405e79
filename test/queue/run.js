#!/usr/bin/env node
// Queue-mode suite (`npm run test:queue`): the packed package in n8n 2.41.1 run as one main and two
// workers (EXECUTIONS_MODE=queue) on PostgreSQL and Redis, against the fake Aluma on 127.0.0.1.
// Every case asserts counts from the fake's own counters and request log, per process (each n8n
// process tags its requests, see lib/tag-origin.js).
//
//   npm run test:queue                     QUEUE_ONLY=<regex>  one or more cases by file name or title
//   QUEUE_KEEP=1  keep the temp folder     SUITE_RESULT_FILE=x.json  also write {"passed","failed",…}
//   E2E_SKIP_BUILD=1  pack the existing dist/
//
// Cases run in file-name order in one cluster (test/queue/cases/); a case may stop and start
// workers or the main, and leaves main + worker-1 + worker-2 running. The last line printed is
// exactly "N passed, M failed"; every process started is stopped, also on failure or Ctrl-C.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Masker, runSuite, sleep, tail } = require('../e2e/lib/util');
const { startFake } = require('../e2e/lib/fake');
const { setupN8n } = require('../e2e/lib/n8n');
const { buildAndPack, installPackage } = require('../e2e/lib/package');
const { ensureServices } = require('./lib/services');
const { QueueCluster, startServices } = require('./lib/cluster');

const REPO = path.resolve(__dirname, '..', '..');
const CASES_DIR = path.join(__dirname, 'cases');
const VERSION = '2.41.1';
const CLIENT_ID = 'aluma-queue-client';

const masker = new Masker();
const say = (line = '') => process.stdout.write(`${masker.mask(line)}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function loadCases() {
	const only = process.env.QUEUE_ONLY ? new RegExp(process.env.QUEUE_ONLY, 'i') : null;
	return fs
		.readdirSync(CASES_DIR)
		.filter((f) => f.endsWith('.js'))
		.sort()
		.map((file) => ({ id: file.replace(/\.js$/, ''), ...require(path.join(CASES_DIR, file)) }))
		.filter((c) => !only || only.test(c.id) || only.test(c.title));
}

function printFailure(error, logs) {
	for (const line of masker.mask(error?.stack ?? String(error)).split('\n').slice(0, 25)) say(`      ${line}`);
	for (const file of logs) {
		say(`      --- ${path.basename(file)} (last 30 lines)`);
		for (const line of tail(file, 30, masker).split('\n')) say(`      | ${line}`);
	}
}

async function main() {
	const cases = loadCases();
	if (!cases.length) throw new Error('no queue-mode cases selected');
	const started = Date.now();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-queue-'));
	const logDir = path.join(workDir, 'logs');
	fs.mkdirSync(logDir);
	const result = { suite: 'queue', passed: 0, failed: 0, cases: [] };
	const secret = crypto.randomBytes(18).toString('base64url');
	masker.add(secret);
	say(`[queue] ${cases.length} cases on n8n ${VERSION} (main + 2 workers, PostgreSQL, Redis); work folder ${workDir}`);

	let services;
	let fake;
	let cluster;
	try {
		await ensureServices(say);
		const setup = await setupN8n({ repoRoot: REPO, version: VERSION, logFile: path.join(logDir, 'setup.log') });
		const tarball = await buildAndPack(REPO, workDir, say);
		services = await startServices(logDir);
		fake = await startFake({ repoRoot: REPO, logFile: path.join(logDir, 'fake-aluma.log'), clientId: CLIENT_ID, clientSecret: secret });
		const userFolder = path.join(workDir, 'home-main');
		await installPackage(tarball, userFolder);
		cluster = new QueueCluster({ dir: setup.dir, version: VERSION, userFolder, workDir, logDir, masker, fixturesDir: path.join(REPO, 'test', 'fixtures'), tarball, ...services });

		const credential = (id) => ({ id, name: id, type: 'alumaApi', data: { clientId: CLIENT_ID, clientSecret: secret, baseUrl: fake.url, accessToken: '', tokenExpiresAt: 0 } });
		const credentialIds = [...new Set(cases.flatMap((c) => c.credentials ?? []))];
		await cluster.importCredentials(credentialIds.map(credential));
		await cluster.importWorkflows(cases.flatMap((c) => c.workflows ?? []));
		const t0 = Date.now();
		const [server] = await Promise.all([cluster.startMain(), cluster.startWorker('worker-1'), cluster.startWorker('worker-2')]);
		say(`[queue] PostgreSQL :${services.postgres.port}, Redis :${services.redis.port}, fake Aluma ${fake.url}; main ${server.url} + 2 workers up in ${seconds(Date.now() - t0)}`);
		cluster.takeLogs();

		for (const c of cases) {
			const caseStarted = Date.now();
			const notes = [];
			const t = {
				assert,
				sleep,
				fake,
				cluster,
				n8nDir: setup.dir,
				clientId: CLIENT_ID,
				secret,
				server: () => cluster.server,
				/** Imports the case's credentials again with no stored token. */
				resetCredentials: async () => await cluster.importCredentials((c.credentials ?? []).map(credential)),
				fixture: (name) => path.join(REPO, 'test', 'fixtures', name),
				note: (text) => notes.push(text),
				mask: (text) => masker.mask(text),
			};
			let error = null;
			try {
				await fake.reset();
				await c.run(t);
			} catch (caught) {
				error = caught;
			}
			const ms = Date.now() - caseStarted;
			const logs = [...new Set([...cluster.takeLogs(), path.join(logDir, 'fake-aluma.log')])];
			if (error) {
				result.failed += 1;
				say(`  ✗ ${c.id} ${c.title} (${seconds(ms)})`);
				for (const note of notes) say(`      note: ${note}`);
				const running = [cluster.server?.logFile, ...[...cluster.workers.values()].map((w) => w.logFile)].filter(Boolean);
				printFailure(error, [...new Set([...logs, ...running])]);
			} else {
				result.passed += 1;
				say(`  ✓ ${c.id} ${c.title} (${seconds(ms)})`);
				for (const note of notes) say(`      ${note}`);
			}
			result.cases.push({ id: c.id, title: c.title, ok: !error, ms, notes, error: error ? masker.mask(error.message) : undefined });
			// a case that failed half-way may have left a process down: the next one needs all three
			if (!cluster.server) await cluster.startMain();
			await cluster.startMissingWorkers();
		}
	} catch (error) {
		say('[queue] runner error');
		printFailure(error, cluster ? cluster.takeLogs() : []);
		const done = new Set(result.cases.map((x) => x.id));
		for (const c of cases.filter((x) => !done.has(x.id))) {
			result.failed += 1;
			result.cases.push({ id: c.id, title: c.title, ok: false, error: 'runner error' });
		}
	} finally {
		if (cluster) await cluster.stopAll().catch(() => undefined);
		if (fake) await fake.stop().catch(() => undefined);
		if (services) await services.stop();
	}
	result.durationMs = Date.now() - started;
	if (process.env.SUITE_RESULT_FILE) fs.writeFileSync(process.env.SUITE_RESULT_FILE, JSON.stringify(result, null, 2));
	if (result.failed || process.env.QUEUE_KEEP) say(`[queue] logs kept in ${workDir}`);
	else fs.rmSync(workDir, { recursive: true, force: true });
	say(`[queue] total ${seconds(result.durationMs)}`);
	say(`${result.passed} passed, ${result.failed} failed`);
	return result.failed ? 1 : 0;
}

runSuite(main, (line) => say(`[queue] ${line}`), say);
