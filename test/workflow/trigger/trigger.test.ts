/**
 * Aluma Trigger's `poll()` run the way n8n's CLI runs an active polling workflow (see
 * test/support/n8nContexts.ts, PollerHost): a real n8n-core PollContext in mode 'trigger' with the
 * harness's credentials helper, n8n-core's PollTriggerExecutor for the activation poll and each
 * scheduled poll, and the workflow's static data saved as the CLI saves it (on emit and at the
 * end of activation) to a JSON "database" that a restart reads back. "Fetch test event" is a
 * manual execution in n8n-core's WorkflowExecute. Tasks are moved with the fake's `advanceTask`.
 *
 * Run: npx jest test/workflow/trigger/trigger.test.ts
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { expectSuccess, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { createTasks, params, projectById, requestLines, uploadProject, waitingTasks } from '../../support/tasks';
import { PollerHost, runManualPoll } from '../../support/n8nContexts';

const HOUR = 3_600_000;
const aluma = useFakeAluma({ taskQueuedMs: HOUR, taskRunningMs: HOUR });

const SEEDED_PROJECT = 'invoices-project-seed1';

const idsOf = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => item.json.id);

describe('Task Ready for Export', () => {
	let receipts: string;
	beforeEach(async () => {
		receipts = await uploadProject(aluma);
	});

	it('remembers the tasks already waiting when activated and emits none of them', async () => {
		const waiting = await waitingTasks(aluma, receipts, ['invoice.pdf', 'letter.pdf']);
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });

		expect(await host.activate()).toEqual({ emitted: null });
		expect(await host.tick()).toEqual({ emitted: null });

		expect(host.savedNodeMemory()).toEqual({
			initialized: true,
			seen: Object.fromEntries(waiting.map((id) => [`${id}|pending:start_client_action|export`, expect.any(Number)])),
			watching: JSON.stringify({ state: 'pending:start_client_action', client_action: 'export' }),
		});
		expect(host.staticDataWrites).toBe(1);
	});

	it('emits each task once, when it becomes ready, over several polls', async () => {
		const [a, b, c] = await createTasks(aluma, receipts, ['invoice.pdf', 'letter.pdf', 'purchase-order.pdf']);
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });
		const before = aluma.fake.requests().length;

		expect(await host.activate()).toEqual({ emitted: null });
		aluma.fake.advanceTask(a, 'pending:start_client_action');
		const first = await host.tick();
		const second = await host.tick();
		aluma.fake.advanceTask(c, 'pending:start_client_action');
		aluma.fake.advanceTask(b, 'pending:start_client_action');
		const third = await host.tick();
		const fourth = await host.tick();

		expect(idsOf(first.emitted)).toEqual([a]);
		expect(first.emitted?.[0].json).toMatchObject({ id: a, state: 'pending:start_client_action', client_action: 'export', project_id: receipts });
		expect(second.emitted).toBeNull();
		expect(idsOf(third.emitted)).toEqual([b, c]); // oldest first, as Aluma lists them
		expect(fourth.emitted).toBeNull();
		const polls = aluma.fake.requests().slice(before).filter((entry) => entry.route === 'GET /tasks');
		expect(polls).toHaveLength(5);
		expect(polls.every((entry) => entry.query.state === 'pending:start_client_action' && entry.query.client_action === 'export')).toBe(true);
		expect(polls.every((entry) => entry.query.project_id === undefined)).toBe(true);
		// One token for all polls: the credential's token is reused, not exchanged per poll.
		expect(aluma.fake.stats().tokenExchanges).toBe(1);
	});

	it('emits the tasks already waiting on activation when "Include Existing Tasks" is on', async () => {
		const waiting = await waitingTasks(aluma, receipts, ['invoice.pdf', 'letter.pdf']);
		const host = new PollerHost(aluma.store, { event: 'readyForExport', emitExisting: true });

		const activation = await host.activate();
		const next = await host.tick();

		expect(idsOf(activation.emitted)).toEqual(waiting);
		expect(next.emitted).toBeNull();
	});

	it('after a restart, emits only the tasks that became ready while n8n was down', async () => {
		const [a, b] = await createTasks(aluma, receipts, ['invoice.pdf', 'letter.pdf']);
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });
		await host.activate();
		aluma.fake.advanceTask(a, 'pending:start_client_action');
		expect(idsOf((await host.tick()).emitted)).toEqual([a]);

		// n8n stops; b becomes ready meanwhile; n8n starts again from the saved static data.
		aluma.fake.advanceTask(b, 'pending:start_client_action');
		const afterRestart = await host.restart();
		const next = await host.tick();
		const secondRestart = await host.restart();

		expect(idsOf(afterRestart.emitted)).toEqual([b]);
		expect(next.emitted).toBeNull();
		expect(secondRestart.emitted).toBeNull();
		expect(Object.keys(host.savedNodeMemory().seen as object).sort()).toEqual(
			[`${a}|pending:start_client_action|export`, `${b}|pending:start_client_action|export`].sort(),
		);
	});

	it('emits a task again when its export was handed back (Cancel) after it had been started', async () => {
		const [a] = await waitingTasks(aluma, receipts, ['invoice.pdf']);
		const host = new PollerHost(aluma.store, { event: 'readyForExport', emitExisting: true });
		expect(idsOf((await host.activate()).emitted)).toEqual([a]);

		expectSuccess(await aluma.run({ parameters: params('export', 'start', { taskId: a, clientAction: 'export', downloadFiles: false }) }));
		const whileStarted = await host.tick();
		expectSuccess(await aluma.run({ parameters: params('export', 'cancel', { taskId: a, clientAction: 'export' }) }));
		const afterCancel = await host.tick();

		expect(whileStarted.emitted).toBeNull();
		expect(idsOf(afterCancel.emitted)).toEqual([a]);
	});

	it('watches only the chosen project, and sends it as a filter', async () => {
		const other = await uploadProject(aluma);
		const host = new PollerHost(aluma.store, { event: 'readyForExport', project: projectById(other) });
		await host.activate();
		const [mine] = await waitingTasks(aluma, other, ['invoice.pdf']);
		await waitingTasks(aluma, receipts, ['letter.pdf']);
		const before = aluma.fake.requests().length;

		const outcome = await host.tick();

		expect(idsOf(outcome.emitted)).toEqual([mine]);
		const [poll] = aluma.fake.requests().slice(before);
		expect(poll.query).toEqual({ state: 'pending:start_client_action', client_action: 'export', project_id: other });
	});

	it('does not emit tasks waiting for validation', async () => {
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });
		await host.activate();
		await waitingTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

		expect(await host.tick()).toEqual({ emitted: null });
	});
});

describe('Task Ready for Validation', () => {
	it('emits the tasks waiting for validation, each once', async () => {
		const receipts = await uploadProject(aluma);
		const host = new PollerHost(aluma.store, { event: 'readyForValidation' });
		await host.activate();
		const [validation] = await waitingTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);
		await waitingTasks(aluma, receipts, ['letter.pdf']);
		const before = aluma.fake.requests().length;

		const first = await host.tick();
		const second = await host.tick();

		expect(idsOf(first.emitted)).toEqual([validation]);
		expect(first.emitted?.[0].json).toMatchObject({ client_action: 'validation' });
		expect(second.emitted).toBeNull();
		expect(aluma.fake.requests()[before].query).toEqual({ state: 'pending:start_client_action', client_action: 'validation' });
	});
});

describe('Task Reached State', () => {
	it('emits each task once when it reaches the chosen final state', async () => {
		const receipts = await uploadProject(aluma);
		const [done, failed, busy] = await createTasks(aluma, receipts, ['invoice.pdf', 'letter.pdf', 'purchase-order.pdf']);
		const completedHost = new PollerHost(aluma.store, { event: 'reachedState', state: 'completed' });
		const failedHost = new PollerHost(aluma.store, { event: 'reachedState', state: 'failed' });
		await completedHost.activate();
		await failedHost.activate();

		aluma.fake.advanceTask(done, 'completed');
		aluma.fake.advanceTask(failed, 'failed');
		aluma.fake.advanceTask(busy, 'pending:start_client_action');
		const completed = await completedHost.tick();
		const failures = await failedHost.tick();

		expect(idsOf(completed.emitted)).toEqual([done]);
		expect(completed.emitted?.[0].json).toMatchObject({ state: 'completed', client_action: null });
		expect(idsOf(failures.emitted)).toEqual([failed]);
		// Finished tasks stay listed for 72 h; they are not emitted again.
		expect((await completedHost.tick()).emitted).toBeNull();
		expect((await failedHost.tick()).emitted).toBeNull();
		const queries = aluma.fake.requests().filter((entry) => entry.route === 'GET /tasks').map((entry) => entry.query);
		expect(new Set(queries.map((query) => JSON.stringify(query)))).toEqual(new Set([JSON.stringify({ state: 'completed' }), JSON.stringify({ state: 'failed' })]));
	});
});

describe('Changing the trigger', () => {
	it('treats a change of event, state or project like a first activation: remembers, does not flood', async () => {
		const receipts = await uploadProject(aluma);
		const [done1, done2, failed] = await createTasks(aluma, receipts, ['invoice.pdf', 'letter.pdf', 'notes.txt']);
		aluma.fake.advanceTask(done1, 'completed');
		aluma.fake.advanceTask(done2, 'completed');
		aluma.fake.advanceTask(failed, 'failed');
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });
		await host.activate();
		expect(await host.tick()).toEqual({ emitted: null });

		const toCompleted = await host.update({ event: 'reachedState', state: 'completed' });
		const toFailed = await host.update({ event: 'reachedState', state: 'failed' });
		const toProject = await host.update({ event: 'reachedState', state: 'failed', project: projectById(receipts) });
		const [later] = await createTasks(aluma, receipts, ['purchase-order.pdf']);
		aluma.fake.advanceTask(later, 'failed');
		const next = await host.tick();

		expect(toCompleted.emitted).toBeNull();
		expect(toFailed.emitted).toBeNull();
		expect(toProject.emitted).toBeNull();
		expect(idsOf(next.emitted)).toEqual([later]);
	});

	it('with "Include Existing Tasks", a change emits what the new settings match', async () => {
		const receipts = await uploadProject(aluma);
		const [done] = await createTasks(aluma, receipts, ['invoice.pdf']);
		aluma.fake.advanceTask(done, 'completed');
		const host = new PollerHost(aluma.store, { event: 'readyForExport', emitExisting: true });
		await host.activate();

		const changed = await host.update({ event: 'reachedState', state: 'completed', emitExisting: true });

		expect(idsOf(changed.emitted)).toEqual([done]);
	});
});

describe('Fetch Test Event (manual)', () => {
	it('returns the newest matching task without changing what the active trigger remembers', async () => {
		const receipts = await uploadProject(aluma);
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });
		await waitingTasks(aluma, receipts, ['invoice.pdf']);
		await host.activate();
		const [newest] = await waitingTasks(aluma, receipts, ['letter.pdf']);
		const saved = host.savedStaticData;

		const manual = await runManualPoll(aluma.store, { event: 'readyForExport' }, saved);

		expect(manual.run.status).toBe('success');
		expect(idsOf(manual.output)).toEqual([newest]);
		expect(manual.dataChanged).toBe(false);
		expect(manual.staticDataAfter).toBe(saved);
		// The active trigger still sees the newest task as new.
		expect(idsOf((await host.tick()).emitted)).toEqual([newest]);
	});

	it('returns the newest task even when the active trigger already emitted it', async () => {
		const receipts = await uploadProject(aluma);
		const host = new PollerHost(aluma.store, { event: 'readyForExport', emitExisting: true });
		const [a, b] = await waitingTasks(aluma, receipts, ['invoice.pdf', 'letter.pdf']);
		expect(idsOf((await host.activate()).emitted)).toEqual([a, b]);

		const manual = await runManualPoll(aluma.store, { event: 'readyForExport' }, host.savedStaticData);

		expect(idsOf(manual.output)).toEqual([b]);
	});

	it('ends without data when no task matches', async () => {
		const manual = await runManualPoll(aluma.store, { event: 'reachedState', state: 'canceled' });

		expect(manual.run.status).toBe('success');
		expect(manual.output).toEqual([]);
		expect(requestLines(aluma.fake)).toEqual(['GET /tasks']);
		expect(aluma.fake.requests().at(-1)?.query).toEqual({ state: 'canceled' });
	});
});

describe('Errors', () => {
	it('reports a failing poll to n8n as an error, keeps its memory, and emits on the next poll', async () => {
		const receipts = await uploadProject(aluma);
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });
		await host.activate();
		const [a] = await waitingTasks(aluma, receipts, ['invoice.pdf']);
		const saved = host.savedStaticData;
		aluma.fake.injectFault({ kind: 'status', status: 503, retryAfter: '0', path: '^/tasks$', times: 4 });

		const failed = await host.tick();
		const savedAfterFailure = host.savedStaticData;
		const recovered = await host.tick();

		expect(failed.emitted).toBeNull();
		expect(failed.error).toBeInstanceOf(NodeApiError);
		expect(failed.error).toMatchObject({ message: 'Aluma had a server error (HTTP 503) when trying to list the tasks', httpCode: '503' });
		expect(aluma.fake.requests().filter((entry) => entry.route === 'GET /tasks' && entry.status === 503)).toHaveLength(4);
		expect(savedAfterFailure).toBe(saved);
		expect(idsOf(recovered.emitted)).toEqual([a]);
	});

	it('fails the activation when Aluma cannot be reached, and saves nothing', async () => {
		const host = new PollerHost(aluma.store, { event: 'readyForExport' });
		aluma.fake.injectFault({ kind: 'status', status: 404, path: '^/tasks$' });

		await expect(host.activate()).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Aluma could not find what was asked for when trying to list the tasks',
		});
		expect(host.savedStaticData).toBe('{}');
		expect(host.staticDataWrites).toBe(0);
	});
});
