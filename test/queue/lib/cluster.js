// n8n in queue mode from the project's own files: PostgreSQL and Redis (services.js), one main
// (`n8n start`, EXECUTIONS_MODE=queue) and workers (`n8n worker`), each process with its own user
// folder holding the packed package as a community package, all with one encryption key and one
// database. Also runs the same n8n as one process (regular mode) on the same database, so a
// benchmark can compare the two. Each process is tagged for the fake Aluma (tag-origin.js).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { N8n } = require('../../e2e/lib/n8n');
const { installPackage } = require('../../e2e/lib/package');
const { freePort, startProcess } = require('../../e2e/lib/util');
const { startPostgres, startRedis } = require('./services');

const TAG_ORIGIN = path.join(__dirname, 'tag-origin.js');

/**
 * The install's bin/n8n sources its env.sh, which pins DB_TYPE=sqlite for the single-process
 * runs; this wrapper keeps the database settings the caller chose.
 */
function writeWrapper(installDir, workDir) {
	const file = path.join(workDir, 'n8n-any-db');
	const env = path.join(installDir, 'env.sh');
	fs.writeFileSync(file, `#!/usr/bin/env bash\ndb_type="$DB_TYPE"\n. "${env}"\nexport DB_TYPE="$db_type"\nexec "$REAL_N8N_NODE" "$REAL_N8N_BIN" "$@"\n`, { mode: 0o755 });
	return file;
}

class QueueCluster extends N8n {
	/**
	 * @param {object} options  N8n's options plus { tarball, postgres, redis, mode: 'queue' | 'regular' }
	 */
	constructor(options) {
		super(options);
		this.tarball = options.tarball;
		this.postgres = options.postgres;
		this.redis = options.redis;
		this.mode = options.mode ?? 'queue';
		this.bin = writeWrapper(options.dir, options.workDir);
		/** name → { proc, logFile } for every worker running. */
		this.workers = new Map();
	}

	env(extra = {}) {
		return super.env({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.postgres.host,
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.postgres.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: this.mode,
			QUEUE_BULL_REDIS_HOST: this.redis.host,
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			// the editor's manual runs go to the workers too, like production executions
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			// a worker that died is noticed in seconds rather than half a minute
			QUEUE_WORKER_LOCK_DURATION: '15000',
			QUEUE_WORKER_STALLED_INTERVAL: '10000',
			NODE_OPTIONS: `--require=${TAG_ORIGIN}`,
			ALUMA_TEST_ORIGIN: 'main',
			...extra,
		});
	}

	/** `n8n start` as the main (in queue mode it runs triggers and webhooks and enqueues executions). */
	async startMain() {
		return await this.startServer();
	}

	/** Starts `n8n worker --concurrency=<n>` named `name` (its own user folder and task-broker port). */
	async startWorker(name, { concurrency = 5 } = {}) {
		const userFolder = path.join(this.workDir, `home-${name}`);
		if (!fs.existsSync(userFolder)) await installPackage(this.tarball, userFolder);
		const logFile = this.logFile(`worker-${name}`);
		const proc = await startProcess(this.bin, ['worker', `--concurrency=${concurrency}`], {
			env: this.env({ N8N_USER_FOLDER: userFolder, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ALUMA_TEST_ORIGIN: name }),
			ready: /n8n worker is now ready/,
			timeoutMs: 180_000,
			logFile,
			label: `n8n worker ${name}`,
		});
		this.workers.set(name, { proc, logFile });
		return proc;
	}

	/** Starts whichever of the suite's two workers is not running (a case may have stopped or killed one). */
	async startMissingWorkers() {
		for (const name of ['worker-1', 'worker-2']) if (!this.workers.has(name)) await this.startWorker(name);
	}

	/** SIGTERM (n8n's graceful shutdown), or `signal` such as SIGKILL: a worker that dies mid-batch. */
	async stopWorker(name, signal) {
		const worker = this.workers.get(name);
		if (!worker) return;
		this.workers.delete(name);
		if (signal === 'SIGKILL') {
			const exited = new Promise((resolve) => (worker.proc.child.exitCode !== null ? resolve() : worker.proc.child.once('exit', resolve)));
			process.kill(-worker.proc.child.pid, 'SIGKILL');
			await exited;
			return;
		}
		await worker.proc.stop();
	}

	async stopAll() {
		await Promise.all([...this.workers.keys()].map((name) => this.stopWorker(name)));
		await this.stopServer();
	}
}

/**
 * Starts PostgreSQL and Redis; resolves with { postgres, redis, stop() }. `stop` is safe to call
 * whatever started.
 */
async function startServices(logDir) {
	const started = [];
	try {
		const postgres = await startPostgres({ logFile: path.join(logDir, 'postgres.log') });
		started.push(postgres);
		const redis = await startRedis({ logFile: path.join(logDir, 'redis.log') });
		started.push(redis);
		return { postgres, redis, stop: async () => await Promise.all(started.map((s) => s.stop().catch(() => undefined))) };
	} catch (error) {
		await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
		throw error;
	}
}

module.exports = { QueueCluster, startServices };
