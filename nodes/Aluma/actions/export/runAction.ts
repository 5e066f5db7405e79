import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

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
