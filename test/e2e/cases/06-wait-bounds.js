// Task → Wait for Task attacked from outside: absurd "Check Every" and "Maximum Wait" values given
// by expression ("", text, NaN, null, Infinity, fractions, beyond the timer limit) each end at once
// as a clear node error, without a single check of the task; a sane short wait on the same task
// still waits and returns it. Poll counts come from the fake's request log.
'use strict';

const { alumaNode, fixture, graph, readFileNode } = require('../lib/workflows');

const CRED = 'e2eCredWaitBnd01';
const WF_CONTINUE = 'e2eWaitBoundsAll01';
const WF_STOP = 'e2eWaitBoundsStop01';
const SEEDED_PROJECT = 'invoices-project-seed1';
const TASK_ID = "={{ $('Create Task').first().json.id }}";

const HOSTILE = [
	['interval', '""', 'Check Every (Seconds)', 'a whole number from 1 to 3600', '""'],
	['interval', '"abc"', 'Check Every (Seconds)', 'a whole number from 1 to 3600', '"abc"'],
	['interval', 'NaN', 'Check Every (Seconds)', 'a whole number from 1 to 3600', 'NaN'],
	['interval', 'null', 'Check Every (Seconds)', 'a whole number from 1 to 3600', 'nothing'],
	['interval', 'Infinity', 'Check Every (Seconds)', 'a whole number from 1 to 3600', 'Infinity'],
	['interval', '0.5', 'Check Every (Seconds)', 'a whole number from 1 to 3600', '0.5'],
	['interval', '-1', 'Check Every (Seconds)', 'a whole number from 1 to 3600', '-1'],
	['interval', '9999999999', 'Check Every (Seconds)', 'a whole number from 1 to 3600', '9999999999'],
	['maxWait', '""', 'Maximum Wait (Seconds)', 'a whole number from 1 to 86400', '""'],
	['maxWait', '"abc"', 'Maximum Wait (Seconds)', 'a whole number from 1 to 86400', '"abc"'],
	['maxWait', '0', 'Maximum Wait (Seconds)', 'a whole number from 1 to 86400', '0'],
	['maxWait', '9999999999', 'Maximum Wait (Seconds)', 'a whole number from 1 to 86400', '9999999999'],
	['maxWait', '1e308', 'Maximum Wait (Seconds)', 'a whole number from 1 to 86400', '1e+308'],
].map(([parameter, literal, label, bounds, shown], index) => ({ name: `Hostile ${index + 1}`, parameter, literal, label, bounds, shown }));

/** A Wait for Task node; each hostile one waits for a state the task never reaches. */
const waitNode = (name, parameters, extra = {}) => ({
	...alumaNode({
		name,
		credentialId: CRED,
		parameters: { resource: 'task', operation: 'waitForTask', taskId: TASK_ID, waitUntil: ['completed'], maxWait: 10, interval: 1, failOnTimeout: false, ...parameters },
	}),
	...extra,
});

const continueWorkflow = graph({
	id: WF_CONTINUE,
	name: 'Wait for Task with absurd numbers',
	nodes: [
		readFileNode({ filePath: fixture('invoice.pdf') }),
		alumaNode({
			name: 'Create Task',
			credentialId: CRED,
			parameters: { resource: 'task', operation: 'create', project: { __rl: true, mode: 'id', value: SEEDED_PROJECT }, binaryPropertyName: 'data', tags: {} },
		}),
		...HOSTILE.map((h) => waitNode(h.name, { [h.parameter]: `={{ ${h.literal} }}` }, { onError: 'continueRegularOutput' })),
		waitNode('Sane Wait', { waitUntil: ['pending:start_client_action'], maxWait: 30, interval: 1, failOnTimeout: true }),
	],
	edges: [['Start', 'Read File'], ['Read File', 'Create Task'], ...HOSTILE.map((h) => ['Create Task', h.name]), ['Create Task', 'Sane Wait']],
});

// Without "continue on error": the execution itself ends, at once, as a node error.
const stopWorkflow = graph({
	id: WF_STOP,
	name: 'Wait for Task with a text interval',
	nodes: [waitNode('Aluma', { taskId: '={{ "SWdh86taQhKwwpY0HUKD7Q" }}', interval: '={{ "abc" }}' })],
	edges: [['Start', 'Aluma']],
});

module.exports = {
	title: 'Wait for Task: absurd intervals and waits end at once as node errors, with 0 polls; a sane wait still works',
	credentials: [{ id: CRED }],
	workflows: [continueWorkflow, stopWorkflow],
	async run(t) {
		const execution = await t.execute(WF_CONTINUE);
		t.assert.equal(execution.status, 'success', execution.describe());
		const [task] = execution.items('Create Task');
		t.assert.ok(task?.id, 'Task → Create made a task');
		const runData = execution.run.data.resultData.runData;
		for (const h of HOSTILE) {
			const [item] = execution.items(h.name);
			t.assert.equal(item?.error, `The parameter "${h.label}" must be ${h.bounds} (got ${h.shown})`, `${h.name} (${h.parameter} = ${h.literal})`);
			t.assert.match(String(item.description), /When the value comes from an expression, make sure it gives a number/);
			const ms = runData[h.name][0].executionTime;
			t.assert.ok(ms < 1000, `${h.name} ended in ${ms} ms`);
		}
		const [waited] = execution.items('Sane Wait');
		t.assert.equal(waited?.state, 'pending:start_client_action', JSON.stringify(waited));
		t.assert.equal(waited.waitTimedOut, false);
		const polls = (await t.fake.requests()).filter((r) => r.method === 'GET' && r.path === `/tasks/${task.id}`);
		// Every check of the task is the sane wait's own: the hostile nodes made none.
		t.assert.equal(polls.length, waited.polls, `GET /tasks/${task.id}: ${polls.length}, sane wait reports ${waited.polls}`);
		t.assert.ok(waited.polls >= 1 && waited.polls <= 31, `polls ${waited.polls} within maxWait / interval + 1`);

		const before = (await t.fake.stats()).requests;
		const stopped = await t.execute(WF_STOP);
		t.assert.equal(stopped.status, 'error', stopped.describe());
		t.assert.equal(stopped.lastNodeExecuted, 'Aluma');
		const error = stopped.nodeError('Aluma') ?? stopped.error ?? {};
		t.assert.equal(error.message, 'The parameter "Check Every (Seconds)" must be a whole number from 1 to 3600 (got "abc")');
		t.assert.equal((await t.fake.stats()).requests - before, 0, 'no request reached Aluma');
		t.note(`${HOSTILE.length} absurd values → ${HOSTILE.length} node errors, 0 polls; sane wait: ${waited.polls} polls, ${waited.waitedSeconds} s`);
	},
};
