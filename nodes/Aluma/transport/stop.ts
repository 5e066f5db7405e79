/**
 * The user's "stop execution". n8n aborts every authenticated request of a stopped execution
 * through its cancel signal; the node must then send nothing new but still clean up.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AlumaContext } from './tokenSession';

function cancelSignalOf(ctx: AlumaContext): AbortSignal | undefined {
	const withSignal = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function' ? withSignal.getExecutionCancelSignal() : undefined;
}

/** `signal`, also aborted when the user stops the execution (for a request that brings its own signal). */
export function withCancelSignal(ctx: AlumaContext, signal: AbortSignal): AbortSignal {
	const cancel = cancelSignalOf(ctx);
	return cancel ? AbortSignal.any([signal, cancel]) : signal;
}

export function isStopped(ctx: AlumaContext): boolean {
	return cancelSignalOf(ctx)?.aborted === true;
}

/** Whether `error` is the abort of a stopped execution rather than a failure of Aluma's. */
export function executionStopped(ctx: AlumaContext, error: unknown): boolean {
	if (isStopped(ctx)) return true;
	const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
	return name === 'AbortError' || name === 'CanceledError' || code === 'ERR_CANCELED';
}

export function stoppedError(node: INode, what: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `The execution was stopped before the node could ${what}`, {
		description: 'Nothing more is sent to Aluma after a stop; documents this step had created are deleted',
		itemIndex,
	});
}
