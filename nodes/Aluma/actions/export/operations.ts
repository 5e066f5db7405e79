/**
 * Client actions: the hand-over of a task's results (export) or of its review (validation).
 * Safe sequence: Start → write the data somewhere → Complete; on failure Cancel (retry later) or
 * Fail (give up). "Export Task" does Start plus the file downloads in one step.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toBinaryData } from '../../helpers/binary';
import { alumaDetailOf } from '../../transport/errors';
import type { ClientAction, ClientActionStep } from '../../transport/tasks';
import { clientAction, fetchTaskFile } from '../../transport/tasks';
import { requiredString } from '../common';
import { simpleOperation } from '../common.operation';

const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. SWdh86taQhKwwpY0HUKD7Q',
};
const actionField: INodeProperties = {
	displayName: 'Client Action',
	name: 'clientAction',
	type: 'options',
	options: [
		{ name: 'Export', value: 'export' },
		{ name: 'Validation', value: 'validation' },
	],
	default: 'export',
};
const downloadFilesField: INodeProperties = {
	displayName: 'Download Files',
	name: 'downloadFiles',
	type: 'boolean',
	default: true,
	description: 'Whether to download the files the specification refers to (such as searchable PDFs) as binary data',
};

/** The state each step needs, in words first and then as Aluma names it. */
const started = (action: ClientAction) =>
	`in the middle of its ${action}: started and not yet completed, canceled or failed (state pending:complete_client_action, client action "${action}")`;
const REQUIRED_STATE: Record<ClientActionStep, (action: ClientAction) => string> = {
	start: (action) => `waiting for its ${action} to be started (state pending:start_client_action, client action "${action}")`,
	complete: started,
	cancel: started,
	fail: started,
};

/** Runs a client action and explains Aluma's "wrong state" answers in plain words. */
async function runAction(
	ctx: IExecuteFunctions,
	step: ClientActionStep,
	taskId: string,
	action: ClientAction,
	itemIndex: number,
	body?: IDataObject,
): Promise<IDataObject> {
	const outcome = await clientAction(ctx, step, taskId, action, body, itemIndex).then(
		(result) => ({ result }),
		(error: unknown) => ({ error }),
	);
	if ('result' in outcome) return outcome.result;
	const { error } = outcome;
	if (error instanceof NodeApiError && ['400', '409', '422'].includes(String(error.httpCode))) {
		const message = `Aluma did not accept "${step}" for the ${action} of task ${taskId}`;
		const detail = alumaDetailOf(error);
		throw new NodeApiError(ctx.getNode(), { message, httpCode: error.httpCode }, {
			message,
			httpCode: error.httpCode ?? undefined,
			description: `${detail ? `Aluma said: ${detail.replace(/[.\s]+$/, '')}. ` : ''}The task must be ${REQUIRED_STATE[step](action)}. Check it with Task → Get; a started ${action} that is not completed within 30 minutes goes back to waiting`,
			itemIndex,
		});
	}
	throw error;
}

/** Every `href` in a specification (its exact layout is not documented), with a name if one is given next to it. */
function fileLinks(spec: unknown, found: Array<{ href: string; name?: string; contentType?: string }> = []) {
	if (Array.isArray(spec)) spec.forEach((entry) => fileLinks(entry, found));
	else if (typeof spec === 'object' && spec !== null) {
		const record = spec as IDataObject;
		if (typeof record.href === 'string') {
			found.push({
				href: record.href,
				name: typeof record.name === 'string' ? record.name : undefined,
				contentType: typeof record.content_type === 'string' ? record.content_type : undefined,
			});
		}
		Object.entries(record)
			.filter(([key]) => key !== 'href')
			.forEach(([, value]) => fileLinks(value, found));
	}
	return found;
}

async function withFiles(ctx: IExecuteFunctions, itemIndex: number, taskId: string, spec: IDataObject): Promise<INodeExecutionData> {
	const links = (ctx.getNodeParameter('downloadFiles', itemIndex, true) as boolean) ? fileLinks(spec) : [];
	const binary: Record<string, IBinaryData> = {};
	const files: IDataObject[] = [];
	for (const [index, link] of links.entries()) {
		const response = await fetchTaskFile(ctx, link.href, itemIndex);
		if (!response) {
			files.push({ href: link.href, downloaded: false, reason: 'not on the Aluma host' });
			continue;
		}
		const key = `file_${index + 1}`;
		const mimeType = link.contentType ?? String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0];
		// Without a name, the last path segment (a query string such as ?format=csv is no part of a file name).
		const name = link.name ?? (link.href.split(/[?#]/)[0].split('/').pop() || key);
		binary[key] = await toBinaryData(ctx, response.body, name, mimeType);
		files.push({ href: link.href, binaryProperty: key, fileName: name });
	}
	const item: INodeExecutionData = { json: { taskId, specification: spec, files } };
	if (files.some((file) => file.binaryProperty)) item.binary = binary;
	return item;
}

export const start = simpleOperation('export', 'start', [taskIdField, actionField, downloadFilesField], async function (this: IExecuteFunctions, i) {
	const taskId = requiredString(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	return [await withFiles(this, i, taskId, await runAction(this, 'start', taskId, action, i))];
});

export const exportTask = simpleOperation(
	'export',
	'exportTask',
	[
		taskIdField,
		downloadFilesField,
		{
			displayName: 'Complete Right Away',
			name: 'completeNow',
			type: 'boolean',
			default: false,
			description: 'Whether to complete the export in this step. Leave off to complete it with "Complete" after the data is safely stored; Aluma then deletes the task\'s data.',
		},
	],
	async function (this: IExecuteFunctions, i) {
		const taskId = requiredString(this, 'taskId', 'Task ID', i);
		const spec = await runAction(this, 'start', taskId, 'export', i);
		const item = await withFiles(this, i, taskId, spec).catch(async (error: unknown) => {
			// Hand the task back so a later run can export it again, instead of leaving it started.
			await runAction(this, 'cancel', taskId, 'export', i).catch((cancelError: unknown) =>
				this.logger.warn(`Aluma: could not cancel the export of task ${taskId}: ${(cancelError as Error).message}`),
			);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		});
		if (this.getNodeParameter('completeNow', i, false) as boolean) {
			await runAction(this, 'complete', taskId, 'export', i);
			item.json.completed = true;
		}
		return [item];
	},
);

export const complete = simpleOperation(
	'export',
	'complete',
	[
		taskIdField,
		actionField,
		{
			displayName: 'Body',
			name: 'completeBody',
			type: 'json',
			default: '{}',
			description: 'Optional JSON sent with the completion (e.g. corrected data after a validation)',
		},
	],
	async function (this: IExecuteFunctions, i) {
		const taskId = requiredString(this, 'taskId', 'Task ID', i);
		const action = this.getNodeParameter('clientAction', i) as ClientAction;
		const raw = this.getNodeParameter('completeBody', i, '{}') as unknown;
		let body: unknown = raw;
		if (typeof raw === 'string') {
			try {
				body = raw.trim() ? JSON.parse(raw) : {};
			} catch {
				body = undefined;
			}
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw new NodeOperationError(this.getNode(), 'The parameter "Body" is not a JSON object', {
				description: 'Enter a JSON object such as {} or {"fields": {...}}',
				itemIndex: i,
			});
		}
		return [{ json: { taskId, clientAction: action, completed: true, ...(await runAction(this, 'complete', taskId, action, i, body as IDataObject)) } }];
	},
);

export const cancel = simpleOperation('export', 'cancel', [taskIdField, actionField], async function (this: IExecuteFunctions, i) {
	const taskId = requiredString(this, 'taskId', 'Task ID', i);
	const action = this.getNodeParameter('clientAction', i) as ClientAction;
	return [{ json: { taskId, clientAction: action, canceled: true, ...(await runAction(this, 'cancel', taskId, action, i)) } }];
});

export const fail = simpleOperation(
	'export',
	'fail',
	[
		taskIdField,
		actionField,
		{ displayName: 'Message', name: 'message', type: 'string', default: '', required: true, description: 'Why the task failed; shown in Aluma' },
	],
	async function (this: IExecuteFunctions, i) {
		const taskId = requiredString(this, 'taskId', 'Task ID', i);
		const action = this.getNodeParameter('clientAction', i) as ClientAction;
		const message = requiredString(this, 'message', 'Message', i);
		return [{ json: { taskId, clientAction: action, failed: true, ...(await runAction(this, 'fail', taskId, action, i, { message })) } }];
	},
);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['export'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a client action', description: 'Hand the task back so it can be started again' },
			{ name: 'Complete', value: 'complete', action: 'Complete a client action', description: 'Confirm the data is stored; Aluma then finishes the task' },
			{ name: 'Export Task', value: 'exportTask', action: 'Export a task', description: 'Start the export and download its files in one step' },
			{ name: 'Fail', value: 'fail', action: 'Fail a client action', description: 'Give up on the task with a message' },
			{ name: 'Start', value: 'start', action: 'Start a client action', description: 'Get the export or validation specification' },
		],
		default: 'exportTask',
	},
	...[start, exportTask, complete, cancel, fail].flatMap((op) => op.description),
];
