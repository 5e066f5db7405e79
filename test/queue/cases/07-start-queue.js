// `npm run start:queue` as a newcomer runs it: the script comes up on its own (its own PostgreSQL,
// Redis, fake Aluma, main and workers, beside the suite's cluster), an Aluma step run through its
// main goes to one of its workers, and Ctrl-C (SIGINT to the script's process group, as a terminal
// sends it) stops every process it started and removes its folder.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { restSession } = require('../../e2e/lib/n8n');
const { webhookChain } = require('../lib/workflows');
const { apiRequestNode } = require('../../e2e/lib/workflows');
const { callWebhook } = require('../lib/executions');

const REPO = path.resolve(__dirname, '..', '..', '..');
const READY_WITHIN_MS = 15 * 60 * 1000;
const STOPPED_WITHIN_MS = 90 * 1000;

/** `{ state, ppid }` of a process from /proc, or undefined when it is gone. */
function procStat(pid) {
	try {
		// the command name in field 2 may hold spaces and parentheses: read after the last ')'
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state, ppid: Number(ppid) };
	} catch {
		return undefined;
	}
}

const alive = (pid) => {
	const stat = procStat(pid);
	return stat !== undefined && stat.state !== 'Z';
};

/** Every live descendant of `pid` (the script's children keep it as parent in their own process groups). */
function descendants(pid) {
	const parents = new Map();
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const stat = procStat(name);
		if (stat && stat.state !== 'Z') parents.set(Number(name), stat.ppid);
	}
	const found = [];
	const walk = (parent) => {
		for (const [child, ppid] of parents) {
			if (ppid === parent) {
				found.push(child);
				walk(child);
			}
		}
	};
	walk(pid);
	return found;
}

/** A signal to a process or (negative pid) a process group that may be gone already. */
const signal = (pid, name) => {
	try {
		process.kill(pid, name);
	} catch {
		/* gone */
	}
};

const listening = (port) =>
	new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});

async function waitFor(what, check, timeoutMs, t) {
	const started = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`${what} within ${Math.round(timeoutMs / 1000)} s`);
		await t.sleep(1000);
	}
}

module.exports = {
	title: 'npm run start:queue comes up on its own, runs an Aluma step on a worker, and Ctrl-C stops all it started',
	async run(t) {
		const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-start-queue-'));
		const readyFile = path.join(scratch, 'ready.json');
		const log = fs.openSync(path.join(scratch, 'start-queue.log'), 'a');
		const script = spawn(process.execPath, [path.join(REPO, 'scripts', 'start-queue.js')], {
			cwd: REPO,
			env: { ...process.env, ALUMA_DEMO_READY_FILE: readyFile },
			detached: true,
			stdio: ['ignore', log, log],
		});
		const exited = new Promise((resolve) => script.once('exit', (code, signal) => resolve({ code, signal })));
		let stopped = false;
		let started = [];
		try {
			const ready = await waitFor(
				'start:queue got ready',
				async () => {
					if (script.exitCode !== null) throw new Error(`start:queue exited (${script.exitCode}): ${t.mask(fs.readFileSync(path.join(scratch, 'start-queue.log'), 'utf8')).slice(-1500)}`);
					return fs.existsSync(readyFile) && JSON.parse(fs.readFileSync(readyFile, 'utf8'));
				},
				READY_WITHIN_MS,
				t,
			);
			started = descendants(script.pid);
			const ports = [new URL(ready.url).port, new URL(ready.fakeUrl).port, ready.ports.postgres, ready.ports.redis].map(Number);
			t.assert.ok(ready.workflows.length > 0, 'the example workflows were imported');
			t.assert.equal(ready.workers, 2, 'two workers by default');

			// a newcomer's first Aluma step, through the demo's main and credential
			const rest = restSession(ready.url);
			const login = await rest('POST', '/rest/login', { emailOrLdapLoginId: ready.email, password: ready.password });
			t.assert.equal(login.status, 200, `log in with what start:queue printed: HTTP ${login.status}`);
			const workflow = webhookChain({
				id: 'startQueueCheck01',
				webhookPath: 'start-queue-check',
				nodes: [apiRequestNode({ credentialId: ready.credential.id, path: '/classifiers' })],
			});
			const created = await rest('POST', '/rest/workflows', { ...workflow, id: undefined });
			t.assert.equal(created.status, 200, `create a workflow: HTTP ${created.status} ${t.mask(created.text).slice(0, 300)}`);
			const { id, versionId } = created.json.data;
			const activated = await rest('POST', `/rest/workflows/${id}/activate`, { versionId });
			t.assert.equal(activated.status, 200, `activate: HTTP ${activated.status} ${t.mask(activated.text).slice(0, 300)}`);
			const answer = await waitFor(
				'the webhook answered',
				async () => {
					const response = await callWebhook({ url: ready.url }, 'start-queue-check');
					return response.status === 404 ? undefined : response;
				},
				30_000,
				t,
			);
			t.assert.equal(answer.status, 200, `the Aluma step ran: HTTP ${answer.status} ${t.mask(answer.text).slice(0, 300)}`);
			const requests = (await (await fetch(`${ready.fakeUrl}/__admin/requests`)).json()).requests;
			const listing = requests.filter((entry) => entry.route === 'GET /classifiers' && entry.status === 200);
			t.assert.ok(listing.length >= 1, 'the demo fake Aluma answered the step');
			t.assert.ok(listing.every((entry) => /^worker-\d$/.test(entry.origin ?? '')), `a worker sent it, not the main (${listing.map((e) => e.origin).join(', ')})`);

			// Ctrl-C
			signal(-script.pid, 'SIGINT');
			const exit = await Promise.race([exited, t.sleep(STOPPED_WITHIN_MS).then(() => undefined)]);
			stopped = exit !== undefined;
			t.assert.ok(stopped, `start:queue stopped within ${STOPPED_WITHIN_MS / 1000} s of Ctrl-C`);
			t.assert.equal(exit.code, 0, `start:queue exited 0 (${JSON.stringify(exit)})`);
			const left = started.filter(alive);
			t.assert.deepEqual(left, [], `no process it started is left (${started.length} were running)`);
			const open = [];
			for (const port of ports) if (await listening(port)) open.push(port);
			t.assert.deepEqual(open, [], 'its ports (main, fake Aluma, PostgreSQL, Redis) are closed');
			t.assert.equal(fs.existsSync(ready.workDir), false, 'its folder is removed');
			t.note(`ready with ${ready.workflows.length} examples; ${started.length} processes started, ${left.length} left after Ctrl-C; ports ${ports.join(', ')} closed`);
		} finally {
			if (!stopped) {
				// a failed case must not be hidden by a clean-up error: every signal here may find nobody
				signal(-script.pid, 'SIGINT');
				await Promise.race([exited, t.sleep(STOPPED_WITHIN_MS)]);
				// the script may be gone and its children re-parented: kill what was seen running too
				for (const pid of [...new Set([...started, ...descendants(script.pid)])].filter(alive)) signal(pid, 'SIGKILL');
				signal(-script.pid, 'SIGKILL');
			}
			fs.closeSync(log);
			fs.rmSync(scratch, { recursive: true, force: true });
		}
	},
};
