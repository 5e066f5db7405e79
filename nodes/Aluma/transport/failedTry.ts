/**
 * A try that ended without an HTTP answer. What no resend can fix ends the request here: a file
 * that could not be stored, a failed token exchange, a token Aluma refused as soon as it issued
 * it, anything that is not a network failure. A network failure's code goes back to the send
 * loop, which decides whether to send again.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { networkCodeOf } from '../../../shared/retry';
import { isTokenExchangeError } from '../../../shared/tokenExchange';
import { freshTokenRefusedError } from './networkErrors';
import { StoreFailure } from './streamedAnswer';
import { isFreshTokenRefused } from './tokenState';

function tokenErrorOf(error: unknown): { message: string; description: string; httpCode?: string } | undefined {
	const seen = new Set<unknown>();
	let current = error as { cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (isTokenExchangeError(current)) return current;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** The network code of `error`, or the error the request ends with. */
export function networkCodeOrThrow(node: INode, error: unknown, itemIndex?: number): string {
	// Both carry their own wording: a file that could not be stored, a failed token exchange.
	const worded = error instanceof StoreFailure ? error : tokenErrorOf(error);
	if (worded) throw new NodeOperationError(node, worded.message, { description: worded.description, itemIndex });
	if (isFreshTokenRefused(error)) throw freshTokenRefusedError(node, itemIndex);
	const code = networkCodeOf(error);
	if (!code) throw new NodeApiError(node, error as JsonObject, { itemIndex });
	return code;
}
