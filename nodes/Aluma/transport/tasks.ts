/**
 * Aluma's Tasks API: tasks and client actions (validation, export); projects are
 * in projects.ts. Several paths are INFERRED (see routes.ts); every call goes through those route entries.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { NameFile } from './download';
import { downloadFile } from './download';
import { projectNotFound } from './projects';
import type { BodyFactory } from './request';
import { alumaRequest } from './request';
import { ROUTES } from './routes';
import { normalizeBaseUrl } from '../../../shared/baseUrl';
import type { AlumaContext } from './tokenSession';
import { sessionFor } from './tokenSession';

export const TASK_STATES = [
	'queued',
	'running',
	'pending:start_client_action',
	'pending:complete_client_action',
	'completed',
	'failed',
	'timed-out',
	'canceled',
] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const FINAL_TASK_STATES: readonly string[] = ['completed', 'failed', 'timed-out', 'canceled'];

export type ClientAction = 'export' | 'validation';

export interface AlumaTask extends IDataObject {
	id: string;
	state?: string;
	client_action?: string | null;
	project_id?: string;
	created_at?: string;
}

export interface TaskTags {
	task_name?: string;
	file_name?: string;
	file_path?: string;
	file_created_time?: number;
}

/**
 * `X-Aluma-Tags` is key=value pairs joined with & like a query string. Values are
 * percent-encoded so &, =, line breaks and non-ASCII text cannot break the header or the pairs.
 */
export function encodeTaskTags(tags: TaskTags): string | undefined {
	const pairs = Object.entries(tags)
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
	return pairs.length ? pairs.join('&') : undefined;
}

const list = <T>(body: unknown, key: string): T[] => {
	const value = (body as IDataObject | undefined)?.[key];
	return Array.isArray(value) ? (value as T[]) : [];
};

// Every operation asks for the task under the same label ("Task ID"), so the 404 text can name the
// parameter here.
const taskNotFound = (taskId: string) => `No Aluma task has the ID "${taskId}" (parameter "Task ID")`;

export async function createTask(
	ctx: AlumaContext,
	projectId: string,
	file: { body: BodyFactory; byteLength: number; mimeType: string },
	tags: TaskTags,
	itemIndex?: number,
): Promise<AlumaTask> {
	const encodedTags = encodeTaskTags(tags);
	const { body } = await alumaRequest<AlumaTask>(ctx, {
		route: ROUTES.createTask,
		qs: { project_id: projectId },
		headers: {
			'Content-Type': file.mimeType,
			'Content-Length': file.byteLength,
			...(encodedTags ? { 'X-Aluma-Tags': encodedTags } : {}),
		},
		body: file.body,
		what: 'create the task',
		notFound: projectNotFound(projectId),
		itemIndex,
	});
	return body;
}

export async function getTask(ctx: AlumaContext, taskId: string, itemIndex?: number): Promise<AlumaTask> {
	const { body } = await alumaRequest<AlumaTask>(ctx, {
		route: ROUTES.getTask,
		params: { taskId },
		what: 'get the task',
		notFound: taskNotFound(taskId),
		itemIndex,
	});
	return body;
}

export interface TaskFilters {
	state?: string;
	client_action?: string;
	project_id?: string;
}

/** Oldest first, as Aluma lists them. The project filter is applied here too, as Aluma may ignore it. */
export async function listTasks(ctx: AlumaContext, filters: TaskFilters = {}, itemIndex?: number): Promise<AlumaTask[]> {
	const qs = Object.fromEntries(Object.entries(filters).filter(([, value]) => value));
	const { body } = await alumaRequest(ctx, { route: ROUTES.listTasks, qs, what: 'list the tasks', itemIndex });
	return list<AlumaTask>(body, 'tasks').filter(
		(task) =>
			(!filters.project_id || task.project_id === filters.project_id) &&
			(!filters.state || task.state === filters.state) &&
			(!filters.client_action || task.client_action === filters.client_action),
	);
}

export type ClientActionStep = 'start' | 'complete' | 'cancel' | 'fail';

const CLIENT_ACTION_ROUTES = {
	start: ROUTES.startClientAction,
	complete: ROUTES.completeClientAction,
	cancel: ROUTES.cancelClientAction,
	fail: ROUTES.failClientAction,
} as const;

/**
 * The body of each step (DOC, Cancel Client Action; Complete INFERRED alike): none for start;
 * for complete and cancel, none at all for an export and a Validation Results object for a
 * validation; `{message}` for fail.
 */
function clientActionBody(step: ClientActionStep, action: ClientAction, body: IDataObject | undefined): IDataObject | undefined {
	if (step === 'start') return undefined;
	if (step === 'fail') return body ?? {};
	return action === 'validation' ? body ?? {} : undefined;
}

export async function clientAction(
	ctx: AlumaContext,
	step: ClientActionStep,
	taskId: string,
	action: ClientAction,
	body?: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await alumaRequest<IDataObject | string>(ctx, {
		route: CLIENT_ACTION_ROUTES[step],
		params: { taskId, action },
		json: clientActionBody(step, action, body),
		responseType: 'text',
		what: `${step} the ${action} of the task`,
		notFound: taskNotFound(taskId),
		itemIndex,
	});
	const text = typeof response.body === 'string' ? response.body.trim() : '';
	if (!text) return {};
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return { response: text };
	}
}

/**
 * Downloads a file referenced by an export specification into n8n's binary data, when it lives on
 * the Aluma host; a link to any other host is not followed, because the request would carry the
 * Aluma token.
 */
export async function fetchTaskFile(ctx: IExecuteFunctions, href: string, name: NameFile, itemIndex?: number) {
	const base = normalizeBaseUrl((await sessionFor(ctx).credentials()).baseUrl);
	const target = new URL(href, `${base}/`);
	if (target.origin !== new URL(base).origin) return undefined;
	const basePath = new URL(base).pathname.replace(/\/+$/, '');
	const path = target.pathname.startsWith(`${basePath}/`) ? target.pathname.slice(basePath.length) : target.pathname;
	return await downloadFile(ctx, { method: 'GET', path: `${path}${target.search}`, what: 'download a file of the export', itemIndex }, name);
}
