/**
 * Task → Wait for Task in n8n's engine against the fake Aluma server, in real time: the fake moves
 * a task queued → running → waiting for a client action after `taskQueuedMs` + `taskRunningMs`
 * (400 ms each here), and the node checks every "Check Every" seconds (its minimum, 1 s) until a
 * chosen or final state or "Maximum Wait". Each request's arrival time is read from the fake's log.
 *
 * Run: npx jest test/workflow/tasks/wait.test.ts
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { failureOf, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import type { FakeAluma } from '../../support/fakeAlumaWorkflow';
import { bytesItem, createTasks, params, uploadProject, waitingTasks } from '../../support/tasks';

const aluma = useFakeAluma({ taskQueuedMs: 400, taskRunningMs: 400 });

const SEEDED_PROJECT = 'invoices-project-seed1';
/** Bytes the fake cannot read: Aluma accepts such a file, then the task fails after running. */
const UNREADABLE = Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x10, 0x11, 0x12, 0x7f, 0x00]);

function waitFor(taskId: string, options: { waitUntil?: string[]; maxWait: number; interval: number; failOnTimeout?: boolean }) {
	return aluma.run({ parameters: params('task', 'waitForTask', { taskId, waitUntil: [], ...options }) });
}

/** Arrival times (ms) of the fake's GET /tasks/:id requests for `taskId`. */
function checksOf(fake: FakeAluma, taskId: string): number[] {
	return fake
		.requests()
		.filter((entry) => entry.method === 'GET' && entry.path === `/tasks/${taskId}`)
		.map((entry) => entry.at);
}

function gaps(times: number[]): number[] {
	return times.slice(1).map((time, i) => time - times[i]);
}

describe('Wait for Task', () => {
	it('checks at the chosen interval until the task waits for a client action', async () => {
		const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

		const result = await waitFor(id, { waitUntil: ['pending:start_client_action'], maxWait: 10, interval: 1 });

		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				id,
				state: 'pending:start_client_action',
				client_action: 'validation',
				waitTimedOut: false,
				polls: 2,
			}),
		]);
		expect([1, 2]).toContain(jsonOf(result)[0].waitedSeconds);
		const checks = checksOf(aluma.fake, id);
		expect(checks).toHaveLength(2);
		expect(gaps(checks)[0]).toBeGreaterThanOrEqual(990);
		expect(gaps(checks)[0]).toBeLessThan(2000);
	});

	describe('from node version 1.1, states in words', () => {
		const waitWords = (taskId: string, waitUntil: string[], maxWait: number) =>
			aluma.run({ typeVersion: 1.1, parameters: params('task', 'waitForTask', { taskId, waitUntil, maxWait, interval: 1 }) });

		it('"Ready for Validation" ends the wait when the task waits for its validation', async () => {
			const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

			const result = await waitWords(id, ['readyForValidation'], 10);

			expect(jsonOf(result)).toEqual([expect.objectContaining({ id, state: 'pending:start_client_action', waitTimedOut: false })]);
		});

		it('"Ready for Export" does not end the wait for a task that waits for validation', async () => {
			const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

			const result = await waitWords(id, ['readyForExport'], 3);

			expect(jsonOf(result)).toEqual([expect.objectContaining({ id, state: 'pending:start_client_action', waitTimedOut: true })]);
		});
	});

	it('with no state chosen, waits for a final state', async () => {
		const result = await aluma.run({
			parameters: params('task', 'create', { project: { __rl: true, mode: 'id', value: SEEDED_PROJECT } }),
			items: [bytesItem(UNREADABLE, 'mystery.bin', 'application/octet-stream')],
		});
		const id = String(jsonOf(result)[0].id);

		const waited = await waitFor(id, { maxWait: 10, interval: 1 });

		expect(jsonOf(waited)[0]).toMatchObject({ id, state: 'failed', waitTimedOut: false, polls: 2 });
		expect(checksOf(aluma.fake, id)).toHaveLength(2);
	});

	it('ends on a final state even when another state was chosen', async () => {
		const result = await aluma.run({
			parameters: params('task', 'create', { project: { __rl: true, mode: 'id', value: SEEDED_PROJECT } }),
			items: [bytesItem(UNREADABLE, 'mystery.bin', 'application/octet-stream')],
		});
		const id = String(jsonOf(result)[0].id);

		const waited = await waitFor(id, { waitUntil: ['pending:start_client_action'], maxWait: 10, interval: 1 });

		expect(jsonOf(waited)[0]).toMatchObject({ state: 'failed', waitTimedOut: false, polls: 2 });
	});

	it('returns right away, after one check, when the task is already in a chosen state', async () => {
		const receipts = await uploadProject(aluma);
		const [id] = await waitingTasks(aluma, receipts, ['invoice.pdf']);

		const result = await waitFor(id, { waitUntil: ['pending:start_client_action'], maxWait: 60, interval: 30 });

		expect(jsonOf(result)[0]).toMatchObject({ state: 'pending:start_client_action', client_action: 'export', waitTimedOut: false, waitedSeconds: 0, polls: 1 });
		expect(result.durationMs).toBeLessThan(1000);
	});

	it('on timeout returns the task with its current state and waitTimedOut, having checked once per interval', async () => {
		const receipts = await uploadProject(aluma);
		const [id] = await waitingTasks(aluma, receipts, ['invoice.pdf']);

		const result = await waitFor(id, { waitUntil: ['completed'], maxWait: 2, interval: 1 });

		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ id, state: 'pending:start_client_action', client_action: 'export', waitTimedOut: true, waitedSeconds: 2, polls: 3 }),
		]);
		const checks = checksOf(aluma.fake, id);
		// A check at the start, one a second later, and a last one at the deadline: never more than
		// maxWait / interval + 1, never two within less than the interval except that last one.
		expect(checks).toHaveLength(3);
		expect(gaps(checks)[0]).toBeGreaterThanOrEqual(990);
		expect(checks[2] - checks[0]).toBeLessThan(2600);
		expect(result.durationMs).toBeGreaterThanOrEqual(2000);
	});

	it('fails the item on timeout with Fail on Timeout, saying the state the task is in', async () => {
		const receipts = await uploadProject(aluma);
		const [id] = await waitingTasks(aluma, receipts, ['invoice.pdf']);

		const result = await waitFor(id, { waitUntil: ['completed'], maxWait: 1, interval: 1, failOnTimeout: true });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toMatchObject({
			message: 'The task did not reach the chosen state within 1 s (it is pending:start_client_action)',
			description: 'Raise "Maximum Wait", or turn off "Fail on Timeout" to continue with the task as it is',
			itemIndex: 0,
		});
		expect(checksOf(aluma.fake, id)).toHaveLength(2);
	});

	it('fails with a NodeApiError for a task that does not exist, without waiting', async () => {
		const result = await waitFor('no-such-task', { maxWait: 30, interval: 5 });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({ message: 'No Aluma task has the ID "no-such-task" (parameter "Task ID")', httpCode: '404' });
		expect(result.durationMs).toBeLessThan(1000);
	});
});
