import { filtersFor, newTasks } from '../../../nodes/AlumaTrigger/taskEvents';
import type { TriggerMemory } from '../../../nodes/AlumaTrigger/taskEvents';

const task = (id: string, state = 'pending:start_client_action', clientAction: string | null = 'export') => ({
	id,
	state,
	client_action: clientAction,
});

describe('trigger events', () => {
	it('maps events to task filters', () => {
		expect(filtersFor('readyForExport', '', '')).toEqual({ state: 'pending:start_client_action', client_action: 'export' });
		expect(filtersFor('readyForValidation', '', 'p1')).toEqual({
			state: 'pending:start_client_action',
			client_action: 'validation',
			project_id: 'p1',
		});
		expect(filtersFor('reachedState', 'failed', '')).toEqual({ state: 'failed' });
	});

	it('only remembers what is already waiting on the first poll, then emits each new task once', () => {
		const memory: TriggerMemory = {};
		expect(newTasks(memory, [task('a'), task('b')], 1, false)).toEqual([]);
		expect(newTasks(memory, [task('a'), task('b'), task('c')], 2, false).map((t) => t.id)).toEqual(['c']);
		expect(newTasks(memory, [task('a'), task('b'), task('c')], 3, false)).toEqual([]);
	});

	it('emits what is already waiting on the first poll when asked to', () => {
		expect(newTasks({}, [task('a')], 1, true).map((t) => t.id)).toEqual(['a']);
	});

	it('survives a restart: memory restored from static data does not re-emit', () => {
		const memory: TriggerMemory = {};
		newTasks(memory, [task('a')], 1, true);
		const restored = JSON.parse(JSON.stringify(memory)) as TriggerMemory;
		expect(newTasks(restored, [task('a'), task('b')], 2, false).map((t) => t.id)).toEqual(['b']);
	});

	it('emits a task again when it comes back to the watched state after leaving it', () => {
		const memory: TriggerMemory = {};
		newTasks(memory, [task('a')], 1, true);
		expect(newTasks(memory, [], 2, false)).toEqual([]);
		expect(newTasks(memory, [task('a')], 3, false).map((t) => t.id)).toEqual(['a']);
	});

	it('never emits the same task twice within one listing', () => {
		expect(newTasks({ initialized: true }, [task('a'), task('a')], 1, false)).toHaveLength(1);
	});
});
