/**
 * Turns Aluma's error answers into NodeApiError with a message that says what happened and a
 * description that says what to do (statusAdvice.ts), with Aluma's own words (errorBody.ts); and
 * reads back what such an error carries, for callers that act on it.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isDocumentAllowanceAnswer } from './allowanceAnswer';
import type { AlumaErrorDetails } from './errorBody';
import { parseErrorBody } from './errorBody';
import { adviceForStatus } from './statusAdvice';

// Callers outside transport/ import it from here.
export { adviceForStatus } from './statusAdvice';

export interface HttpFailure {
	status: number;
	body?: Buffer | string;
	contentType?: string;
	/** Short verb phrase for messages: "create the document", "classify the document". */
	what: string;
	/** Replaces the generic 404 message: 'No Aluma task has the ID "x" (parameter "Task ID")'. */
	notFound?: string;
	/** What a refusal means for this request: its message, and what to do first before the rest. */
	refused?: Refusal;
	attempts?: number;
	/** The Retry-After header, kept for callers that wait (the document allowance). */
	retryAfter?: string;
	/** The body already read by the caller, so it is parsed once. */
	details?: AlumaErrorDetails;
}

/** A refusal a request knows the meaning of: Aluma's answer on one of `statuses`, worded for the user. */
export interface Refusal {
	statuses: number[];
	message: string;
	/** Put first in the description, before Aluma's own words. */
	advice: string;
}

export function alumaApiError(node: INode, failure: HttpFailure): NodeApiError {
	const advice = adviceForStatus(failure.status, failure.what);
	const details = failure.details ?? parseErrorBody(failure.body, failure.contentType);
	const parts = [advice.description];
	// The parts are joined with ". "; Aluma's own sentence usually ends with a period already.
	if (details.detail) parts.unshift(`Aluma said: ${details.detail.replace(/[.\s]+$/, '')}`);
	if (details.fieldErrors.length) parts.push(`Problems: ${details.fieldErrors.join('; ')}`);
	if (details.instance) parts.push(`Aluma error reference: ${details.instance}`);
	if (failure.attempts && failure.attempts > 1) parts.push(`Tried ${failure.attempts} times`);
	let message = details.detail && failure.status === 422 ? `${advice.message}: ${details.detail}` : advice.message;
	// Aluma named the fields it refused: say which, so the user knows what to change.
	if (details.fields.length) message += ` (field ${details.fields.map((field) => `"${field}"`).join(', ')})`;
	if (failure.status === 404 && failure.notFound) message = failure.notFound;
	const refused = failure.refused?.statuses.includes(failure.status) ? failure.refused : undefined;
	if (refused) {
		message = refused.message;
		parts.unshift(refused.advice);
	}
	const error = new NodeApiError(
		node,
		{
			message,
			httpCode: String(failure.status),
			detail: details.detail ?? null,
			type: details.type ?? null,
			instance: details.instance ?? null,
			documentAllowanceFull: isDocumentAllowanceAnswer(failure.status, details),
			retryAfter: failure.retryAfter ?? null,
		},
		{ message, description: parts.join('. '), httpCode: String(failure.status) },
	);
	// n8n swaps a message mentioning a network code (e.g. Aluma's "…failed: connect ECONNREFUSED…"
	// for a URL it could not download) for text about n8n's own connection, which is wrong here.
	error.message = message;
	return error;
}

/** Whether an error from alumaApiError is Aluma's answer that the document allowance is full. */
export function isDocumentAllowanceError(error: unknown): boolean {
	return (error as { errorResponse?: { documentAllowanceFull?: unknown } })?.errorResponse?.documentAllowanceFull === true;
}

/** The Retry-After Aluma sent with the error, if any. */
export function retryAfterOf(error: unknown): string | undefined {
	const value = (error as { errorResponse?: { retryAfter?: unknown } })?.errorResponse?.retryAfter;
	return typeof value === 'string' ? value : undefined;
}

/** Aluma's own one-line explanation carried by an error from alumaApiError, if any. */
export function alumaDetailOf(error: unknown): string | undefined {
	const detail = (error as { errorResponse?: { detail?: unknown } })?.errorResponse?.detail;
	return typeof detail === 'string' ? detail : undefined;
}
