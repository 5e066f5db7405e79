// The Aluma Trigger polls on the main; what it has emitted is kept in the workflow's static data in
// PostgreSQL, so restarts of the main and of the workers neither repeat a task nor lose one that
// became ready while n8n was down. The export loop each task starts runs on a worker.
'use strict';

const { exportLoop } = require('../lib/workflows');
const { whileActive, listExecutions, readExecution } = require('../lib/executions');
const { tasksReadyForExport } = require('../lib/tasks');

const CRED = 'queueCredTrigger01';
const WF = 'queueExportLoop01';
const workflow = exportLoop({ id: WF, credentialId: CRED });
const TRIGGER = workflow.nodes.find((node) => node.type === 'n8n-nodes-aluma.alumaTrigger').name;

/** Waits (bounded) until every task is completed. */
async function allCompleted(t, ids, timeoutMs = 90_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const states = await Promise.all(ids.map(async (id) => (await t.fake.task(id)).state));
		if (states.every((state) => state === 'completed')) return;
		await t.sleep(500);
	}
	throw new Error(`tasks not all completed within ${timeoutMs / 1000} s`);
}

/** Waits (bounded) until the workflow has `count` executions, whatever their state. */
async function executionsReach(t, count, timeoutMs = 60_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if ((await listExecutions(t.server(), WF)).length >= count) return;
		await t.sleep(500);
	}
	throw new Error(`fewer than ${count} executions within ${timeoutMs / 1000} s`);
}

async function restartMain(t, meanwhile = async () => undefined) {
	await t.cluster.stopServer();
	const result = await meanwhile();
	await t.cluster.startMain();
	return result;
}

module.exports = {
	title: 'the Aluma Trigger on the main emits each ready task exactly once across restarts; the export loop completes on a worker',
	credentials: [CRED],
	workflows: [workflow],
	async run(t) {
		// n8n polls once whenever it activates the trigger (also when the main starts), then every minute;
		// the first poll, on activation, finds nothing waiting yet. The main restarts below: ask t.server().
		await whileActive(t, WF, async () => {
			// no workers: what the trigger emits waits in Redis, and the tasks stay ready in Aluma
			await Promise.all([t.cluster.stopWorker('worker-1'), t.cluster.stopWorker('worker-2')]);
			const { projectId, ids: first } = await tasksReadyForExport(t, 2);
			await restartMain(t);
			await executionsReach(t, 1); // one poll emits both tasks: one execution, two items
			// the two are still waiting when the main starts again: they must not come a second time
			const { ids: later } = await restartMain(t, async () => await tasksReadyForExport(t, 1, projectId));
			await executionsReach(t, 2);
			await t.sleep(2000);
			await Promise.all([t.cluster.startWorker('worker-1'), t.cluster.startWorker('worker-2')]);
			const all = [...first, ...later];
			await allCompleted(t, all);
			await t.sleep(2000);

			const log = await t.fake.requests();
			for (const id of all) {
				const steps = log.filter((entry) => entry.path.startsWith(`/tasks/${id}/client_actions/`));
				t.assert.deepEqual(steps.map((entry) => `${entry.path.split('/').pop()} ${entry.status}`), ['start 200', 'complete 200'], `task ${id}: started and completed once`);
				t.assert.ok(steps.every((entry) => entry.origin?.startsWith('worker-')), `task ${id}: exported on a worker (${steps.map((entry) => entry.origin).join(', ')})`);
			}
			const executions = await listExecutions(t.server(), WF);
			t.assert.ok(executions.every((x) => x.status === 'success'), `every export loop succeeded (${executions.map((x) => x.status).join(', ')})`);
			const emitted = [];
			for (const { id } of executions) {
				const { runData } = await readExecution(t.server(), t.n8nDir, id);
				emitted.push(...runData[TRIGGER][0].data.main[0].map((item) => item.json.id));
			}
			t.assert.deepEqual(emitted.sort(), [...all].sort(), 'the trigger emitted each task exactly once');
			const polls = log.filter((entry) => entry.route === 'GET /tasks').map((entry) => entry.origin);
			t.assert.ok(polls.length >= 3 && polls.every((origin) => origin === 'main'), `the trigger polled from the main only (${polls.join(', ')})`);
			t.note(`${all.length} tasks over 2 restarts of the main (2 of them still waiting at the second), ${executions.length} executions emitting ${emitted.length} tasks, ${polls.length} polls from the main`);
		});
	},
};
