// A real n8n installed by scripts/real-n8n-setup.sh, driven through its CLI (import, execute,
// export) and, when a case needs it, as a server (`n8n start`) with a pre-provisioned owner.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { freePort, run, startProcess } = require('./util');

const ENCRYPTION_KEY = 'aluma-e2e-throwaway-key';
const BROWSER_ID = 'aluma-e2e-browser';

/** Installs (or reuses) n8n `version`; resolves with the install folder. */
async function setupN8n({ repoRoot, version, nodeVersion, logFile }) {
	const env = { ...process.env, N8N_VERSION: version };
	if (nodeVersion) env.NODE_VERSION = nodeVersion;
	else delete env.NODE_VERSION;
	const result = await run('bash', [path.join(repoRoot, 'scripts', 'real-n8n-setup.sh')], { env, timeoutMs: 45 * 60_000, logFile });
	if (result.code !== 0) {
		throw new Error(`real-n8n-setup.sh failed (exit ${result.code}):\n${result.stderr.split('\n').slice(-30).join('\n')}`);
	}
	const dir = result.stdout.trim().split('\n').pop();
	return { dir, ms: result.ms };
}

/** The `export REAL_N8N_X="..."` lines of <dir>/env.sh. */
function readInstallEnv(dir) {
	const values = {};
	for (const line of fs.readFileSync(path.join(dir, 'env.sh'), 'utf8').split('\n')) {
		const match = line.match(/^export (REAL_N8N_\w+)="(.*)"$/);
		if (match) values[match[1]] = match[2];
	}
	return values;
}

/**
 * `n8n execute --rawOutput` prints log lines on stdout around the result; the execution JSON is
 * the block from the first line "{" to the next line "}" (printed on success and on failure).
 */
function parseExecution(stdout) {
	const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
	const start = lines.indexOf('{');
	if (start < 0) return null;
	const end = lines.indexOf('}', start);
	if (end < 0) return null;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

class Execution {
	constructor(result, run) {
		this.code = result.code;
		this.ms = result.ms;
		this.run = run;
		this.status = run?.status ?? (run ? (run.data?.resultData?.error ? 'error' : 'success') : 'no-output');
		this.error = run?.data?.resultData?.error ?? null;
		this.lastNodeExecuted = run?.data?.resultData?.lastNodeExecuted ?? null;
	}
	/** Output items (json) of a node's first run, first output. */
	items(nodeName, output = 0) {
		const task = this.run?.data?.resultData?.runData?.[nodeName]?.[0];
		return (task?.data?.main?.[output] ?? []).map((item) => item.json);
	}
	/** Binary parts of the output items of a node's first run. */
	binaries(nodeName, output = 0) {
		const task = this.run?.data?.resultData?.runData?.[nodeName]?.[0];
		return (task?.data?.main?.[output] ?? []).map((item) => item.binary ?? {});
	}
	/** The error a node's first run ended with, if any. */
	nodeError(nodeName) {
		return this.run?.data?.resultData?.runData?.[nodeName]?.[0]?.error ?? null;
	}
	/** A one-line account for assertion messages. */
	describe() {
		const error = this.error ? `; error: ${this.error.message}${this.error.description ? ` (${this.error.description})` : ''}` : '';
		return `exit ${this.code}, status ${this.status}${error}`;
	}
}

/** A REST client for one n8n that keeps the login cookie: `rest(method, route, body)` → { status, json, text }. */
function restSession(url) {
	let cookie = '';
	return async (method, route, body) => {
		const response = await fetch(`${url}${route}`, {
			method,
			headers: {
				'browser-id': BROWSER_ID,
				...(cookie ? { cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	};
}

class N8n {
	/**
	 * @param {{ dir: string, version: string, userFolder: string, workDir: string, logDir: string,
	 *           masker: import('./util').Masker, fixturesDir: string }} options
	 */
	constructor({ dir, version, userFolder, workDir, logDir, masker, fixturesDir }) {
		Object.assign(this, { dir, version, userFolder, workDir, logDir, masker, fixturesDir });
		this.install = readInstallEnv(dir);
		this.bin = path.join(dir, 'bin', 'n8n');
		this.major = Number(version.split('.')[0]);
		this.seq = 0;
		/** Log files written since the last `takeLogs()`; printed when a case fails. */
		this.logs = [];
		this.server = null;
		/** CLI commands that ended by a signal (n8n crashed), as "<command> <signal>". */
		this.crashes = [];
	}

	env(extra = {}) {
		return {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LOG_LEVEL: 'info',
			DB_TYPE: 'sqlite',
			// 2.x restricts file access to ~/.n8n-files by default; cases read fixtures from here
			N8N_RESTRICT_FILE_ACCESS_TO: this.fixturesDir,
			N8N_SSRF_PROTECTION_ENABLED: 'false',
			...extra,
		};
	}

	logFile(label) {
		this.seq += 1;
		const file = path.join(this.logDir, `${String(this.seq).padStart(3, '0')}-${label.replace(/[^\w.-]+/g, '_')}.log`);
		this.logs.push(file);
		return file;
	}

	takeLogs() {
		const logs = this.logs;
		this.logs = [];
		return logs;
	}

	/** Runs one n8n CLI command with its own task-broker port (so it can run beside `n8n start`). */
	async cli(args, { env = {}, label = args[0], timeoutMs = 180_000 } = {}) {
		const broker = await freePort();
		const result = await run(this.bin, args, {
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(broker), ...env }),
			timeoutMs,
			logFile: this.logFile(label),
			masker: this.masker,
		});
		if (result.signal && !result.timedOut) this.crashes.push(`${args[0]} ${result.signal}`);
		return result;
	}

	async cliOrThrow(args, options) {
		const result = await this.cli(args, options);
		if (result.code !== 0) {
			throw new Error(`n8n ${args[0]} failed (exit ${result.code}):\n${this.masker.mask(`${result.stdout}\n${result.stderr}`).split('\n').slice(-25).join('\n')}`);
		}
		return result;
	}

	/** Credentials with plain `data` (n8n encrypts them on import). The temp file is removed at once. */
	async importCredentials(credentials) {
		const file = path.join(this.workDir, `credentials-${process.pid}-${this.seq}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await this.cliOrThrow(['import:credentials', `--input=${file}`], { label: 'import-credentials' });
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflows(workflows) {
		const file = path.join(this.workDir, `workflows-${this.seq}.json`);
		fs.writeFileSync(file, JSON.stringify(workflows.map((w) => ({ ...w, active: false }))));
		await this.cliOrThrow(['import:workflow', `--input=${file}`], { label: 'import-workflows' });
	}

	/** Decrypted stored credentials (what preAuthentication persisted). Tokens seen are masked from then on. */
	async exportCredentials() {
		const file = path.join(this.workDir, `export-${process.pid}-${this.seq}.json`);
		try {
			await this.cliOrThrow(['export:credentials', '--all', '--decrypted', `--output=${file}`], { label: 'export-credentials' });
			const credentials = JSON.parse(fs.readFileSync(file, 'utf8'));
			for (const credential of credentials) {
				this.masker.add(credential.data?.accessToken);
				this.masker.add(credential.data?.clientSecret);
			}
			return credentials;
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** `n8n execute --id <id> --rawOutput`; never throws on a failed execution (read `.status`). */
	async execute(workflowId, { env = {}, timeoutMs = 180_000 } = {}) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { env, label: `execute-${workflowId}`, timeoutMs });
		const parsed = parseExecution(result.stdout);
		if (parsed) {
			// anything token-like the run data carries must never reach a printed log
			const text = JSON.stringify(parsed);
			for (const match of text.matchAll(/"(?:accessToken|access_token)":"([^"]+)"/g)) this.masker.add(match[1]);
		}
		return new Execution(result, parsed);
	}

	/** Node types n8n loaded, via `n8n export:nodes` (no server needed). */
	async exportNodeTypes() {
		const file = path.join(this.workDir, `nodes-${this.seq}.json`);
		await this.cliOrThrow(['export:nodes', `--output=${file}`], { label: 'export-nodes' });
		const types = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.rmSync(file, { force: true });
		return types;
	}

	/** A bcrypt hash made with n8n's own bcryptjs (the password is passed in the environment, not argv). */
	async bcryptHash(password) {
		const script = 'const b=require(require.resolve("bcryptjs",{paths:[require.resolve("n8n/package.json")]}));process.stdout.write(b.hashSync(process.env.PW,10))';
		const result = await run(this.install.REAL_N8N_NODE, ['-e', script], {
			cwd: path.join(this.dir, 'app'),
			env: { ...process.env, PW: password },
			timeoutMs: 30_000,
		});
		if (result.code !== 0) throw new Error(`bcrypt hash failed: ${result.stderr}`);
		return result.stdout.trim();
	}

	/**
	 * Starts `n8n start` on a free port (once; later calls return the same server), logged in as an
	 * owner provisioned through N8N_INSTANCE_OWNER_* (2.x) or /rest/owner/setup (1.x fallback).
	 */
	async startServer() {
		if (this.server) return this.server;
		const email = 'e2e-owner@example.com';
		const password = `E2e-${Math.random().toString(36).slice(2, 10)}-Pw1`;
		this.masker.add(password);
		const port = await freePort();
		const broker = await freePort();
		const env = this.env({
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(broker),
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: email,
			N8N_INSTANCE_OWNER_FIRST_NAME: 'E2E',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: await this.bcryptHash(password),
		});
		const logFile = this.logFile('n8n-start');
		const proc = await startProcess(this.bin, ['start'], {
			env,
			ready: /Editor is now accessible via/,
			timeoutMs: 180_000,
			logFile,
			label: 'n8n start',
		});
		const url = `http://127.0.0.1:${port}`;
		const rest = restSession(url);
		let login = await rest('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (login.status !== 200) {
			// n8n 1.x has no N8N_INSTANCE_OWNER_*: set the owner up through the API (fresh DB only)
			const setup = await rest('POST', '/rest/owner/setup', { email, firstName: 'E2E', lastName: 'Owner', password });
			if (setup.status !== 200) {
				await proc.stop();
				throw new Error(`cannot log in to n8n (login ${login.status}: ${login.text.slice(0, 200)}; owner setup ${setup.status}: ${setup.text.slice(0, 200)})`);
			}
			login = setup;
		}
		/** Starts `workflow` from the node named `from`, as the editor's "Test workflow" does; resolves with the execution ID. */
		const runWorkflow = async (workflow, from) => {
			const started = await rest('POST', `/rest/workflows/${workflow.id}/run`, { workflowData: workflow, triggerToStartFrom: { name: from } });
			const executionId = started.json?.data?.executionId;
			if (!executionId) throw new Error(`could not start ${workflow.id}: HTTP ${started.status} ${this.masker.mask(started.text).slice(0, 300)}`);
			return executionId;
		};
		this.server = { url, rest, runWorkflow, logFile, stop: () => proc.stop(), email, password };
		return this.server;
	}

	async stopServer() {
		if (!this.server) return;
		const server = this.server;
		this.server = null;
		await server.stop();
	}
}

module.exports = { N8n, setupN8n, parseExecution, Execution, restSession };
