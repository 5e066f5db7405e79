// PostgreSQL and Redis for n8n's queue mode, each a throwaway instance on a free 127.0.0.1 port in
// a temp folder, stopped and removed by the caller. Debian's packages are installed when missing
// (as root, with apt-get); PostgreSQL runs as the `postgres` account when we are root (it refuses
// to run as root).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const { freePort, run, startProcess } = require('../../e2e/lib/util');

function which(command) {
	try {
		return execFileSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || null;
	} catch {
		return null;
	}
}

/** The folder holding initdb/postgres: Debian's newest /usr/lib/postgresql/<ver>/bin, else PATH. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(root)) {
		const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(root, versions[0], 'bin');
	}
	const initdb = which('initdb');
	return initdb && which('postgres') ? path.dirname(fs.realpathSync(initdb)) : null;
}

/** Installs Debian's postgresql and redis-server when either is missing. */
async function ensureServices(say = () => undefined) {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!which('redis-server')) missing.push('redis-server');
	if (!missing.length) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`queue mode needs ${missing.join(' and ')}; install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')})`);
	}
	say(`installing ${missing.join(' ')} with apt-get`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let install = await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 15 * 60_000 });
	if (install.code !== 0) {
		await run('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 });
		install = await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 15 * 60_000 });
	}
	if (install.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${install.stderr.slice(-2000)}`);
}

/** Runs `command` as the postgres account when we are root. */
function asPostgresUser(command, args) {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/**
 * A new cluster (trust auth, fsync off: a throwaway) with superuser `n8n`; n8n uses its `postgres`
 * database. Resolves with { host, port, user, database, stop() }; stop() also removes the folder.
 */
async function startPostgres({ logFile }) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-queue-pg-'));
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		fs.chownSync(dir, uid, gid);
	}
	const data = path.join(dir, 'data');
	const [initCmd, initArgs] = asPostgresUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	const init = await run(initCmd, initArgs, { timeoutMs: 120_000, logFile });
	if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.stderr.slice(-2000)}`);
	const port = await freePort();
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
	const [cmd, args] = asPostgresUser(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])]);
	const proc = await startProcess(cmd, args, { ready: /ready to accept connections/, logFile, label: 'postgres', timeoutMs: 60_000 });
	return {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		database: 'postgres',
		async stop() {
			await proc.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Redis without persistence. Resolves with { host, port, stop() }. */
async function startRedis({ logFile }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-queue-redis-'));
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
	const proc = await startProcess(which('redis-server') ?? 'redis-server', args, { ready: /Ready to accept connections/, logFile, label: 'redis-server', timeoutMs: 30_000 });
	return {
		host: '127.0.0.1',
		port,
		async stop() {
			await proc.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { ensureServices, startPostgres, startRedis };
