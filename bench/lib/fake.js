// Starts the fake Aluma server in its own process (see fake-child.js) and talks to it over IPC.
'use strict';

const path = require('node:path');
const { fork } = require('node:child_process');

const CLIENT = { clientId: 'bench-client', clientSecret: 'bench-secret-value' };

/**
 * @param {object} options  startFakeAluma options (latencyMs, tokenLifetimeSeconds, maxFileBytes, …)
 * @returns {Promise<{ url: string, pid: number, stats(): Promise<any>, requests(): Promise<any[]>,
 *   setConfig(p: object): Promise<any>, advanceTask(taskId: string, to?: string): Promise<{task: any, at: number}>,
 *   close(): Promise<void> }>}
 */
async function startFake(options = {}) {
	const child = fork(path.join(__dirname, 'fake-child.js'), [JSON.stringify({ port: 0, ...CLIENT, ...options })], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: [],
	});
	const pending = new Map();
	let nextId = 0;
	const url = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`fake-aluma child exited with ${code}`)));
		child.on('message', (message) => {
			if (message.ready) return resolve(message.url);
			const waiter = pending.get(message.id);
			if (!waiter) return;
			pending.delete(message.id);
			if (message.error) waiter.reject(new Error(message.error));
			else waiter.resolve(message.value);
		});
	});
	child.removeAllListeners('exit');
	const call = (op, arg) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			pending.set(id, { resolve, reject });
			child.send({ id, op, arg });
		});
	let closed;
	return {
		url,
		pid: child.pid,
		stats: () => call('stats'),
		requests: () => call('requests'),
		setConfig: (partial) => call('setConfig', partial),
		advanceTask: (taskId, to) => call('advanceTask', { taskId, to }),
		close: () => {
			closed ??= new Promise((resolve) => {
				child.once('exit', () => resolve());
				call('close').catch(() => child.kill());
			});
			return closed;
		},
	};
}

module.exports = { startFake, CLIENT };
