import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { alumaDetailOf } from '../../transport/errors';
import type { ClientAction, ClientActionStep } from '../../transport/tasks';
import { clientAction } from '../../transport/tasks';

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
export async function runAction(
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

/**
 * Runs `work` on a client action that was just started. If it fails, the task is handed back
 * (cancel), so it waits for its action again and a later run can start it at once instead of
 * after Aluma's 30-minute timeout; the error says which of the two happened.
 */
export async function whileStarted<T>(
	ctx: IExecuteFunctions,
	taskId: string,
	action: ClientAction,
	itemIndex: number,
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		const handedBack = await runAction(ctx, 'cancel', taskId, action, itemIndex).then(
			() => true,
			(cancelError: unknown) => {
				ctx.logger.warn(`Aluma: could not cancel the ${action} of task ${taskId}: ${(cancelError as Error).message}`);
				return false;
			},
		);
		const note = handedBack
			? `The ${action} of task ${taskId} was handed back (canceled): the task waits for its ${action} again, so this step can run again now`
			: `The node could not hand the ${action} of task ${taskId} back; the task stays started until Aluma's 30-minute timeout returns it`;
		const failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		failure.description = [failure.description, note].filter(Boolean).join('. ');
		throw failure;
	}
}
