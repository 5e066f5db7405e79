#!/usr/bin/env node
// npm run start:queue — the demo in n8n's queue mode: PostgreSQL and Redis (Debian's packages,
// installed with apt-get when missing), n8n 2.41.1 as one main and two workers, this package
// installed as a community package for each of them, the fake Aluma on 127.0.0.1, the "Aluma
// (demo)" credential and the example workflows imported. Everything lives in a temp folder and
// goes away with Ctrl-C, which stops every process started here. `npm start` is the simpler
// single-process demo on SQLite.
//
//   N8N_WORKERS=3 npm run start:queue      # more workers (default 2)
//   ALUMA_DEMO_READY_FILE=<file>            # for scripts: when ready, write the addresses, login,
//                                           # ports and process ids there as JSON (as npm start does)
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Masker, killAll } = require('../test/e2e/lib/util');
const { startFake } = require('../test/e2e/lib/fake');
const { setupN8n } = require('../test/e2e/lib/n8n');
const { buildAndPack, installPackage } = require('../test/e2e/lib/package');
const { loadExamples } = require('../test/e2e/lib/examples');
const { ensureServices } = require('../test/queue/lib/services');
const { QueueCluster, startServices } = require('../test/queue/lib/cluster');

const REPO = path.resolve(__dirname, '..');
const CRED_ID = 'alumaDemoCred01';
const CRED_NAME = 'Aluma (demo)';
const CLIENT_ID = 'aluma-demo-client';
const WORKERS = Math.max(1, Math.min(8, Number(process.env.N8N_WORKERS) || 2));

const say = (line) => process.stderr.write(`[start:queue] ${line}\n`);

async function main() {
	const started = Date.now();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-queue-demo-'));
	const logDir = path.join(workDir, 'logs');
	fs.mkdirSync(logDir);
	const masker = new Masker();
	const secret = crypto.randomBytes(18).toString('base64url');
	masker.add(secret);
	const stops = [];
	const stopAll = async ({ keepLogs = false } = {}) => {
		for (const stop of stops.reverse()) await stop().catch(() => undefined);
		if (!keepLogs) fs.rmSync(workDir, { recursive: true, force: true });
	};
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			if (stopping) return;
			stopping = true;
			say('stopping n8n, the workers, Redis, PostgreSQL and the fake Aluma');
			stopAll().then(() => process.exit(0), () => process.exit(1));
		});
	}
	try {
		await ensureServices(say);
		say('n8n 2.41.1 (installed once into the cache, 4-6 min the first time)');
		const setup = await setupN8n({ repoRoot: REPO, version: '2.41.1', logFile: path.join(logDir, 'setup.log') });
		say('npm run build + npm pack');
		const tarball = await buildAndPack(REPO, workDir, say);
		const services = await startServices(logDir);
		stops.push(services.stop);
		const fake = await startFake({ repoRoot: REPO, logFile: path.join(logDir, 'fake-aluma.log'), clientId: CLIENT_ID, clientSecret: secret });
		stops.push(fake.stop);
		const userFolder = path.join(workDir, 'home-main');
		await installPackage(tarball, userFolder);
		const cluster = new QueueCluster({ dir: setup.dir, version: '2.41.1', userFolder, workDir, logDir, masker, fixturesDir: path.join(REPO, 'test', 'fixtures'), tarball, ...services });
		stops.push(() => cluster.stopAll());
		await cluster.importCredentials([{ id: CRED_ID, name: CRED_NAME, type: 'alumaApi', data: { clientId: CLIENT_ID, clientSecret: secret, baseUrl: fake.url, accessToken: '', tokenExpiresAt: 0 } }]);
		const examples = loadExamples(CRED_ID).map(({ workflow }) => workflow).filter((w) => Array.isArray(w.nodes));
		for (const workflow of examples) {
			for (const node of workflow.nodes) if (node.credentials?.alumaApi) node.credentials.alumaApi = { id: CRED_ID, name: CRED_NAME };
		}
		await cluster.importWorkflows(examples);
		say(`starting the main and ${WORKERS} workers (PostgreSQL :${services.postgres.port}, Redis :${services.redis.port})`);
		const [server] = await Promise.all([cluster.startMain(), ...Array.from({ length: WORKERS }, (_, i) => cluster.startWorker(`worker-${i + 1}`))]);
		if (process.env.ALUMA_DEMO_READY_FILE) {
			const file = process.env.ALUMA_DEMO_READY_FILE;
			const ready = {
				url: server.url,
				email: server.email,
				password: server.password,
				fakeUrl: fake.url,
				credential: { id: CRED_ID, name: CRED_NAME },
				workers: WORKERS,
				ports: { postgres: services.postgres.port, redis: services.redis.port },
				workDir,
				workflows: examples.map(({ id, name }) => ({ id, name })),
			};
			// renamed into place, so a reader never sees half a file
			fs.writeFileSync(`${file}.tmp`, JSON.stringify(ready, null, 2));
			fs.renameSync(`${file}.tmp`, file);
		}
		process.stderr.write(
			[
				'',
				`  Aluma demo in queue mode is running (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
				'',
				`  n8n main        ${server.url}   (${WORKERS} workers run the executions)`,
				`  log in as       ${server.email}   password: ${server.password}`,
				`  workflows       ${examples.length} examples; the editor's runs go to the workers too`,
				`  credential      "${CRED_NAME}" → the fake Aluma at ${fake.url} (counters: ${fake.url}/__admin/stats)`,
				`  logs            ${logDir}`,
				'',
				'  Press Ctrl-C to stop everything (the data goes with it).',
				'',
			].join('\n') + '\n',
		);
		await new Promise(() => undefined);
	} catch (error) {
		say(masker.mask(error.stack ?? String(error)));
		await stopAll({ keepLogs: true });
		say(`logs: ${logDir}`);
		killAll('SIGTERM');
		process.exit(1);
	}
}

main();
