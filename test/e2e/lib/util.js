// Process, port and masking helpers for the e2e runner. Plain CommonJS on any Node >= 20.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const { spawn } = require('node:child_process');

/** Every child process group we started and have not seen exit; killed on exit. */
const live = new Set();

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Kills whatever is still running (SIGKILL: used from the 'exit' handler, which must be synchronous). */
function killAll(signal = 'SIGKILL') {
	for (const child of live) killGroup(child, signal);
}
process.on('exit', () => killAll('SIGKILL'));

/** A free TCP port on 127.0.0.1 (the OS picks it; closed again before use). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Hides secrets in text that may be printed: every registered value (client secrets, tokens seen
 * in exports) plus anything that looks like a token or secret field.
 */
class Masker {
	constructor() {
		this.values = new Set();
	}
	add(value) {
		if (typeof value === 'string' && value.length >= 6) this.values.add(value);
	}
	mask(text) {
		let out = String(text);
		for (const value of this.values) out = out.split(value).join('***');
		return out
			.replace(/("?(?:accessToken|access_token|clientSecret|client_secret|password)"?\s*[:=]\s*"?)([^"&\s,}]+)/gi, '$1***')
			.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, '$1***')
			.replace(/(\$2[aby]\$\d{2}\$)[./A-Za-z0-9]{53}/g, '$1***');
	}
}

/**
 * Runs a command to completion in its own process group; output is captured and also written
 * (masked) to `logFile`. Never rejects on a non-zero exit: the caller reads `code`.
 */
function run(cmd, args, { env = process.env, cwd, timeoutMs = 180_000, logFile, masker } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		live.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			live.delete(child);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			live.delete(child);
			const ms = Date.now() - started;
			if (logFile) {
				const text = `$ ${[cmd, ...args].join(' ')}\n# exit ${code ?? signal}${timedOut ? ' (timed out)' : ''} after ${ms} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}\n`;
				fs.writeFileSync(logFile, masker ? masker.mask(text) : text);
			}
			resolve({ code: timedOut ? 124 : (code ?? 1), signal, stdout, stderr, ms, timedOut });
		});
	});
}

/**
 * Starts a long-running process in its own process group and waits until its output matches
 * `ready` (a RegExp). Output goes to `logFile`. Resolves with { child, match, stop() }.
 */
function startProcess(cmd, args, { env = process.env, cwd, ready, timeoutMs = 120_000, logFile, label = cmd }) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		live.add(child);
		let seen = '';
		let settled = false;
		const onData = (chunk) => {
			fs.writeSync(out, chunk);
			if (settled) return;
			seen += chunk;
			const match = seen.match(ready);
			if (match) {
				settled = true;
				clearTimeout(timer);
				resolve({ child, match, stop: () => stopProcess(child) });
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const timer = setTimeout(() => {
			if (settled) return;
			settled = true;
			killGroup(child, 'SIGKILL');
			reject(new Error(`${label} did not get ready within ${timeoutMs} ms (log: ${logFile})`));
		}, timeoutMs);
		child.on('error', (error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			reject(error);
		});
		child.on('exit', (code, signal) => {
			live.delete(child);
			child.exited = true;
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			reject(new Error(`${label} exited (${code ?? signal}) before it was ready (log: ${logFile})`));
		});
		child.on('close', () => fs.closeSync(out));
	});
}

/** SIGTERM to the process group, SIGKILL after 15 s. */
async function stopProcess(child) {
	if (child.exited || child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
	// the runner child of n8n may outlive its parent for a moment
	killGroup(child, 'SIGKILL');
}

/** Last `lines` lines of a file, masked. */
function tail(file, lines, masker) {
	try {
		// run data can hold whole files as base64: cut long lines
		const text = fs
			.readFileSync(file, 'utf8')
			.split('\n')
			.slice(-lines)
			.map((line) => (line.length > 400 ? `${line.slice(0, 400)}… (${line.length} characters)` : line))
			.join('\n');
		return masker ? masker.mask(text) : text;
	} catch (error) {
		return `(cannot read ${file}: ${error.message})`;
	}
}

/**
 * Runs a suite's `main` (resolving with the exit code) as the process: Ctrl-C or SIGTERM stops
 * every child first; a crash is reported, then the suite's last line "0 passed, 1 failed".
 */
function runSuite(main, report, say) {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			killAll('SIGTERM');
			setTimeout(() => process.exit(130), 500);
		});
	}
	main().then(
		(code) => process.exit(code),
		(error) => {
			report(error.stack ?? String(error));
			say('0 passed, 1 failed');
			process.exit(1);
		},
	);
}

module.exports = { freePort, sleep, Masker, run, runSuite, startProcess, stopProcess, killAll, tail };
