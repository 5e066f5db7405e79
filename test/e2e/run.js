#!/usr/bin/env node
// End-to-end suite: the packed package in a REAL n8n against the fake Aluma server.
//
//   npm run test:e2e                                   # every case, on each version in E2E_N8N_VERSIONS
//   E2E_N8N_VERSIONS=2.41.1 npm run test:e2e           # one version ("<n8n>[@<node>]", space-separated;
//                                                      #   1.x defaults to the system Node, 2.x to Node 24.22.3)
//   E2E_ONLY=token npm run test:e2e                    # cases whose file name or title matches a regex
//   E2E_KEEP=1 …                                       # keep the temp folder (user folder, logs)
//   E2E_RESULT_FILE=x.json …                           # also write {"passed":N,"failed":M,...} there
//   E2E_SKIP_BUILD=1 …                                 # pack the existing dist/ without `npm run build`
//
// Per version: scripts/real-n8n-setup.sh (cached in ${ALUMA_CACHE_DIR:-~/.cache/n8n-nodes-aluma}),
// the tarball of `npm pack` extracted into a throwaway $N8N_USER_FOLDER/.n8n/nodes/node_modules/
// n8n-nodes-aluma (as n8n installs community packages), the fake server on a free port, every
// case's credentials and workflows imported once, then each case runs (`n8n execute --id`, and
// `n8n start` for the cases that need the server). A case is one file in test/e2e/cases/ — see
// test/e2e/README.md. The last line printed is exactly "N passed, M failed"; exit 1 on any failure.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { Masker, runSuite, sleep, tail } = require('./lib/util');
const { startFake } = require('./lib/fake');
const { startFakeOpenAi } = require('./lib/fake-openai');
const { N8n, setupN8n } = require('./lib/n8n');
const { buildAndPack, installPackage } = require('./lib/package');

const REPO = path.resolve(__dirname, '..', '..');
const CASES_DIR = path.join(__dirname, 'cases');
const FIXTURES_DIR = path.join(REPO, 'test', 'fixtures');
const DEFAULT_VERSIONS = '2.41.1 1.123.81';
const CLIENT_ID = 'aluma-e2e-client';

const masker = new Masker();
const say = (line = '') => process.stdout.write(`${masker.mask(line)}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function parseVersions(spec) {
	return spec
		.split(/[\s,]+/)
		.filter(Boolean)
		.map((entry) => {
			const [version, node] = entry.split('@');
			return { version, nodeVersion: node ?? (version.startsWith('1.') ? 'system' : undefined) };
		});
}

function loadCases() {
	const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;
	const cases = [];
	for (const file of fs.readdirSync(CASES_DIR).filter((f) => f.endsWith('.js')).sort()) {
		const exported = require(path.join(CASES_DIR, file));
		const list = Array.isArray(exported) ? exported : [exported];
		list.forEach((c, index) => {
			const id = list.length > 1 ? `${file.replace(/\.js$/, '')}#${index + 1}` : file.replace(/\.js$/, '');
			if (typeof c.run !== 'function' || !c.title) throw new Error(`${file}: a case exports { title, run(t), credentials?, workflows? }`);
			if (only && !only.test(id) && !only.test(c.title)) return;
			cases.push({ id, credentials: [], workflows: [], ...c });
		});
	}
	// ids are global in the one user folder all cases share
	const seen = new Map();
	for (const c of cases) {
		for (const item of [...c.credentials.map((x) => ['credential', x.id]), ...c.workflows.map((x) => ['workflow', x.id])]) {
			const key = item.join(' ');
			if (seen.has(key)) throw new Error(`${item[0]} id ${item[1]} is used by both ${seen.get(key)} and ${c.id}`);
			seen.set(key, c.id);
		}
	}
	return cases;
}

function printFailure(error, logs) {
	const message = error && error.stack ? error.stack : String(error);
	for (const line of masker.mask(message).split('\n').slice(0, 25)) say(`      ${line}`);
	for (const file of logs) {
		say(`      --- ${path.basename(file)} (last 40 lines; ${file})`);
		for (const line of tail(file, 40, masker).split('\n')) say(`      | ${line}`);
	}
}

async function runVersion({ version, nodeVersion }, cases, tarball, workRoot) {
	const result = { version, nodeVersion: nodeVersion ?? '24.22.3', passed: 0, failed: 0, retried: 0, cases: [], setupMs: 0, totalMs: 0 };
	const started = Date.now();
	const workDir = path.join(workRoot, `n8n-${version}`);
	const logDir = path.join(workDir, 'logs');
	const userFolder = path.join(workDir, 'home');
	fs.mkdirSync(logDir, { recursive: true });
	fs.mkdirSync(userFolder, { recursive: true });

	const secret = crypto.randomBytes(18).toString('base64url');
	const wrongSecret = `wrong-${crypto.randomBytes(12).toString('base64url')}`;
	masker.add(secret);
	masker.add(wrongSecret);

	let fake;
	let openai;
	let n8n;
	const failAll = (error, logs = []) => {
		say(`[e2e] n8n ${version}: could not prepare the run`);
		printFailure(error, logs);
		for (const c of cases) {
			result.failed += 1;
			result.cases.push({ id: c.id, title: c.title, ok: false, error: 'setup failed' });
		}
	};
	try {
		say(`[e2e] n8n ${version} (Node ${result.nodeVersion}): setting up (first time: installs n8n, 4-6 min)`);
		const setupLog = path.join(logDir, '000-setup.log');
		let setup;
		try {
			setup = await setupN8n({ repoRoot: REPO, version, nodeVersion, logFile: setupLog });
		} catch (error) {
			failAll(error, [setupLog]);
			return result;
		}
		result.setupMs = setup.ms;
		await installPackage(tarball, userFolder);
		fake = await startFake({ repoRoot: REPO, logFile: path.join(logDir, 'fake-aluma.log'), clientId: CLIENT_ID, clientSecret: secret });
		openai = await startFakeOpenAi();
		n8n = new N8n({ dir: setup.dir, version, userFolder, workDir, logDir, masker, fixturesDir: FIXTURES_DIR });

		// `{ id, type: 'openAiApi' }`: a credential for n8n's OpenAI nodes, pointed at the fake model.
		const openAiCredential = (cred) => ({ id: cred.id, name: cred.name ?? cred.id, type: 'openAiApi', data: { apiKey: openai.apiKey, url: openai.url } });
		const credentialsOf = (c) =>
			c.credentials.map((cred) => cred.type === 'openAiApi' ? openAiCredential(cred) : ({
				id: cred.id,
				name: cred.name ?? cred.id,
				type: 'alumaApi',
				data: {
					clientId: CLIENT_ID,
					clientSecret: cred.wrongSecret ? wrongSecret : secret,
					baseUrl: fake.url,
					accessToken: '',
					tokenExpiresAt: 0,
					...(cred.data ?? {}),
				},
			}));
		const credentials = cases.flatMap(credentialsOf);
		const workflows = cases.flatMap((c) => c.workflows);
		const importStarted = Date.now();
		try {
			if (credentials.length) await n8n.importCredentials(credentials);
			if (workflows.length) await n8n.importWorkflows(workflows);
		} catch (error) {
			failAll(error, n8n.takeLogs());
			return result;
		}
		n8n.takeLogs();
		say(`[e2e] n8n ${version}: setup ${seconds(setup.ms)}, fake Aluma at ${fake.url}, imported ${credentials.length} credentials and ${workflows.length} workflows in ${seconds(Date.now() - importStarted)}`);

		for (const c of cases) {
			const caseStarted = Date.now();
			const notes = [];
			const t = {
				n8nVersion: version,
				n8nMajor: n8n.major,
				assert,
				sleep,
				fake,
				openai,
				n8n,
				clientId: CLIENT_ID,
				secret,
				wrongSecret,
				execute: (id, options) => n8n.execute(id, options),
				exportCredential: async (id) => (await n8n.exportCredentials()).find((x) => x.id === id)?.data,
				server: () => n8n.startServer(),
				fixture: (name) => path.join(FIXTURES_DIR, name),
				note: (text) => notes.push(text),
				mask: (text) => masker.mask(text),
			};
			let error = null;
			// n8n itself sometimes dies by a signal (seen: SIGSEGV as `n8n execute` exits on Node 24, after
			// printing a successful result). Such a case runs once more from a clean state — the fake reset
			// and its credentials imported again (no stored token) — and the retry is reported.
			let crashed = [];
			for (let attempt = 1; attempt <= 2; attempt++) {
				error = null;
				n8n.crashes = [];
				try {
					if (attempt > 1 && c.credentials.length) await n8n.importCredentials(credentialsOf(c));
					await fake.reset();
					openai.reset();
					await c.run(t);
				} catch (caught) {
					error = caught;
				}
				if (!error || n8n.crashes.length === 0 || attempt > 1) break;
				crashed = n8n.crashes;
				result.retried += 1;
				say(`  ↻ ${c.id}: n8n crashed (${crashed.join(', ')}); running the case again`);
				printFailure(error, []);
				notes.length = 0;
			}
			if (crashed.length) notes.push(`second attempt, after n8n crashed (${crashed.join(', ')})`);
			const ms = Date.now() - caseStarted;
			const logs = [...new Set([...n8n.takeLogs(), path.join(logDir, 'fake-aluma.log'), ...(n8n.server ? [n8n.server.logFile] : [])])];
			if (error) {
				result.failed += 1;
				say(`  ✗ ${c.id} ${c.title} (${seconds(ms)})`);
				for (const note of notes) say(`      note: ${note}`);
				printFailure(error, logs);
			} else {
				result.passed += 1;
				say(`  ✓ ${c.id} ${c.title} (${seconds(ms)})${notes.length ? ` — ${notes.join('; ')}` : ''}`);
			}
			result.cases.push({ id: c.id, title: c.title, ok: !error, ms, retriedAfter: crashed.length ? crashed : undefined, error: error ? masker.mask(error.message) : undefined });
		}
	} catch (error) {
		// infrastructure failure in the middle: the cases not run count as failed
		const done = new Set(result.cases.map((x) => x.id));
		say(`[e2e] n8n ${version}: runner error`);
		printFailure(error, n8n ? n8n.takeLogs() : []);
		for (const c of cases.filter((x) => !done.has(x.id))) {
			result.failed += 1;
			result.cases.push({ id: c.id, title: c.title, ok: false, error: 'runner error' });
		}
	} finally {
		if (n8n) await n8n.stopServer().catch(() => undefined);
		if (fake) await fake.stop().catch(() => undefined);
		if (openai) await openai.stop().catch(() => undefined);
		result.totalMs = Date.now() - started;
	}
	const retried = result.retried ? `, ${result.retried} run again after n8n crashed` : '';
	say(`[e2e] n8n ${version}: ${result.passed} passed, ${result.failed} failed${retried} (${seconds(result.totalMs)}, of which setup ${seconds(result.setupMs)})`);
	return result;
}

async function main() {
	const versions = parseVersions(process.env.E2E_N8N_VERSIONS || DEFAULT_VERSIONS);
	const cases = loadCases();
	if (!cases.length) throw new Error('no e2e cases selected');
	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-e2e-'));
	const started = Date.now();
	say(`[e2e] ${cases.length} cases × n8n ${versions.map((v) => v.version).join(', ')}; work folder ${workRoot}`);

	const results = [];
	let tarball;
	try {
		tarball = await buildAndPack(REPO, workRoot, say);
		say(`[e2e] packed ${path.basename(tarball)} (${seconds(Date.now() - started)} incl. build)`);
	} catch (error) {
		say('[e2e] build/pack failed');
		printFailure(error, []);
	}
	for (const v of versions) {
		if (!tarball) {
			results.push({ version: v.version, passed: 0, failed: cases.length, cases: [] });
			continue;
		}
		results.push(await runVersion(v, cases, tarball, workRoot));
	}

	const passed = results.reduce((sum, r) => sum + r.passed, 0);
	const failed = results.reduce((sum, r) => sum + r.failed, 0);
	if (process.env.E2E_RESULT_FILE) {
		fs.writeFileSync(process.env.E2E_RESULT_FILE, JSON.stringify({ suite: 'e2e', passed, failed, durationMs: Date.now() - started, versions: results }, null, 2));
	}
	if (failed || process.env.E2E_KEEP) say(`[e2e] logs and user folders kept in ${workRoot}`);
	else fs.rmSync(workRoot, { recursive: true, force: true });
	say(`[e2e] total ${seconds(Date.now() - started)}`);
	say(`${passed} passed, ${failed} failed`);
	return failed ? 1 : 0;
}

runSuite(main, (line) => say(`[e2e] ${line}`), say);
