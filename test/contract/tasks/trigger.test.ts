/**
 * Contract of the Aluma Trigger with List Tasks: the query each event sends, and
 * the trigger's own filtering when Aluma ignores a filter (project_id is not a confirmed one). The
 * trigger runs in a real n8n-core PollContext (see test/support/n8nContexts.ts); nock answers.
 *
 * Run: npx jest test/contract/tasks/trigger.test.ts
 */
import { PollerHost } from '../../support/n8nContexts';
import { CREDENTIAL, useContract } from '../../support/contractRecorder';

const contract = useContract();

const task = (id: string, projectId: string, clientAction = 'export') => ({ id, project_id: projectId, state: 'pending:start_client_action', client_action: clientAction });
const host = (parameters: object) => new PollerHost(contract.store, { ...parameters }, { alumaApi: CREDENTIAL });

describe('Polling', () => {
	it.each([
		[{ event: 'readyForExport' }, '/tasks?state=pending%3Astart_client_action&client_action=export'],
		[{ event: 'readyForValidation' }, '/tasks?state=pending%3Astart_client_action&client_action=validation'],
		[{ event: 'reachedState', state: 'timed-out' }, '/tasks?state=timed-out'],
		[{ event: 'readyForExport', project: { __rl: true, mode: 'id', value: 'p1' } }, '/tasks?state=pending%3Astart_client_action&client_action=export&project_id=p1'],
	])('sends GET %j as %s', async (parameters, path) => {
		contract.aluma().get('/tasks').query(true).reply(contract.reply(200, { tasks: [] }));

		await host(parameters).activate();

		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${path}`]);
	});

	it('keeps only the chosen project and the watched state when Aluma ignores the filters', async () => {
		const trigger = host({ event: 'readyForExport', project: { __rl: true, mode: 'id', value: 'p1' } });
		contract.aluma().get('/tasks').query(true).reply(contract.reply(200, { tasks: [] }));
		contract
			.aluma()
			.get('/tasks')
			.query(true)
			.reply(contract.reply(200, { tasks: [task('a', 'p1'), task('b', 'p2'), task('c', 'p1', 'validation'), { ...task('d', 'p1'), state: 'completed' }] }));

		await trigger.activate();
		const outcome = await trigger.tick();

		expect((outcome.emitted ?? []).map((item) => item.json.id)).toEqual(['a']);
	});

	it('treats an answer without a task list as no tasks', async () => {
		const trigger = host({ event: 'readyForExport', emitExisting: true });
		contract.aluma().get('/tasks').query(true).reply(contract.reply(200, { items: [task('a', 'p1')] }));

		expect(await trigger.activate()).toEqual({ emitted: null });
	});
});
