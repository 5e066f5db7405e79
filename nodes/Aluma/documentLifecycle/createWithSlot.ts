/**
 * An API client may hold only so many documents at once (30 by default). When Aluma says the
 * allowance is full, creation waits (bounded) for a slot instead of failing the item, and a slot
 * this process frees goes straight to the longest waiter (transport/allowance.ts).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseRetryAfter } from '../../../shared/retry';
import type { Turn } from '../transport/allowance';
import { DEFAULT_DOCUMENT_ALLOWANCE, allowanceFull, takeTurnNow, uploadDone, waitForTurn } from '../transport/allowance';
import type { AlumaDocument, CallOptions } from '../transport/documents';
import { isDocumentAllowanceError, retryAfterOf } from '../transport/errors';
import { isStopped, stoppedError } from '../transport/stop';

const CAP_WAIT_LIMIT_MS = 5 * 60 * 1000;
/** Longest pause between tries while waiting: slots freed by other processes are only seen by trying. */
const CAP_RETRY_MAX_MS = 2000;
const CAP_RETRY_AFTER_MAX_MS = 30_000;

/**
 * Creates the document, waiting for a free slot while Aluma reports the allowance is full. Once
 * this process got that answer, new creations queue behind its waiters (allowance.ts) rather than
 * upload into a full allowance.
 */
export async function createWithSlot(
	ctx: IExecuteFunctions,
	create: (options: CallOptions) => Promise<AlumaDocument>,
	options: CallOptions,
	waitLimitMs = CAP_WAIT_LIMIT_MS,
): Promise<AlumaDocument> {
	const started = Date.now();
	const deadline = started + waitLimitMs;
	const stopped = () => isStopped(ctx);
	const fullError = () => {
		const waited = Date.now() - started;
		return new NodeOperationError(ctx.getNode(), "Aluma's document allowance is full", {
			description: `The API client holds as many documents as Aluma allows (${DEFAULT_DOCUMENT_ALLOWANCE} by default), and no slot became free in the ${Math.round(waited / 1000)} s the node waited. Lower the concurrency, or check for other workflows using the same API client`,
			itemIndex: options.itemIndex,
		});
	};
	const wait = async (pollMs: number, front: boolean): Promise<Turn> => {
		const turn = await waitForTurn({ pollMs, deadline, front, stopped });
		if (turn) return turn;
		if (stopped()) throw stoppedError(ctx.getNode(), 'create the document', options.itemIndex);
		throw fullError();
	};
	let turn = takeTurnNow() ?? (await wait(0, false));
	for (let round = 0; ; round++) {
		const outcome = await create(options).then(
			(document) => ({ document }),
			(error: unknown) => ({ error }),
		);
		if ('document' in outcome) {
			uploadDone(turn, true);
			return outcome.document;
		}
		if (!isDocumentAllowanceError(outcome.error)) {
			uploadDone(turn, false);
			throw outcome.error;
		}
		allowanceFull(turn);
		if (Date.now() >= deadline) throw fullError();
		// Aluma's Retry-After, up to 30 s per pause: the wait as a whole is bounded by waitLimitMs.
		const asked = parseRetryAfter(retryAfterOf(outcome.error));
		const backoff = Math.min(CAP_RETRY_MAX_MS, 250 * 2 ** Math.min(round, 3));
		const delay = asked === undefined ? backoff : Math.min(asked, CAP_RETRY_AFTER_MAX_MS);
		ctx.logger.debug(`Aluma: document allowance full; waiting up to ${delay} ms for a free slot`);
		// A refused waiter keeps its place at the head: first come, first served.
		turn = await wait(delay, true);
	}
}
