/**
 * Which tasks a trigger event matches, and the bookkeeping that emits each task once per arrival
 * in the watched state across polls and restarts (kept in the workflow's static data).
 */
import type { IDataObject } from 'n8n-workflow';

import type { AlumaTask, TaskFilters } from '../Aluma/transport/tasks';

export type TaskEvent = 'readyForExport' | 'readyForValidation' | 'reachedState';

export function filtersFor(event: TaskEvent, state: string, projectId: string): TaskFilters {
	const project = projectId ? { project_id: projectId } : {};
	if (event === 'readyForExport') return { state: 'pending:start_client_action', client_action: 'export', ...project };
	if (event === 'readyForValidation') return { state: 'pending:start_client_action', client_action: 'validation', ...project };
	return { state, ...project };
}

export interface TriggerMemory extends IDataObject {
	/** Task keys present at the last poll → when first emitted (ms). */
	seen?: Record<string, number>;
	initialized?: boolean;
	/** The task filters the memory belongs to (JSON); a change starts the memory over. */
	watching?: string;
}

const keyOf = (task: AlumaTask): string => `${task.id}|${String(task.state)}|${String(task.client_action ?? '')}`;

/**
 * Returns the tasks to emit and updates `memory`. A task is emitted when it first shows up in the
 * watched state; if it leaves the list (started, canceled, finished) and comes back, it is new
 * again. On the very first poll, what is already waiting is only remembered unless asked for.
 */
export function newTasks(memory: TriggerMemory, tasks: AlumaTask[], now: number, emitExisting: boolean): AlumaTask[] {
	const previous = memory.seen ?? {};
	const current: Record<string, number> = {};
	const fresh: AlumaTask[] = [];
	for (const task of tasks) {
		const key = keyOf(task);
		if (key in current) continue;
		if (key in previous) current[key] = previous[key];
		else {
			current[key] = now;
			fresh.push(task);
		}
	}
	const firstPoll = !memory.initialized;
	memory.seen = current;
	memory.initialized = true;
	return firstPoll && !emitExisting ? [] : fresh;
}
