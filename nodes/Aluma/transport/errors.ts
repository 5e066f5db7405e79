/**
 * Turns Aluma's error answers into NodeApiError with a message that says what happened and a
 * description that says what to do. Aluma answers RFC 7807 problem details on newer APIs and
 * `{message, requestErrors}` on the documents, classifier and token APIs; both are parsed, then the
 * HTTP status alone (Aluma's own advice).
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { bodyText, parseJsonObject } from '../../../shared/jsonBody';
import { DEFAULT_DOCUMENT_ALLOWANCE, isDocumentAllowanceAnswer } from './allowanceAnswer';

export interface AlumaErrorDetails {
	/** One line from Aluma itself (detail, message or title), if it gave one. */
	detail?: string;
	/** Field-level complaints, flattened to "field: problem". */
	fieldErrors: string[];
	/** The fields those complaints name (RFC 7807 `errors[].field`), e.g. "modules[0].arguments.allow_debit_notes". */
	fields: string[];
	/** RFC 7807 `type` and `instance`, useful when contacting Aluma support. */
	type?: string;
	instance?: string;
	/** RFC 7807 `title` and the legacy `message`, kept apart for recognising an answer. */
	title?: string;
	legacyMessage?: string;
}

const MAX_DETAIL_LENGTH = 500;

function clip(text: string): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > MAX_DETAIL_LENGTH ? `${oneLine.slice(0, MAX_DETAIL_LENGTH)}…` : oneLine;
}

function asText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? clip(value) : undefined;
}

function problemField(entry: unknown): string | undefined {
	return typeof entry === 'object' && entry !== null ? asText((entry as JsonObject).field) : undefined;
}

function flattenFieldErrors(value: unknown): string[] {
	if (Array.isArray(value)) {
		return value
			.map((entry) => {
				if (typeof entry === 'string') return entry;
				const text = asText((entry as JsonObject)?.detail) ?? asText((entry as JsonObject)?.message) ?? '';
				const field = problemField(entry);
				return field && text ? `${field}: ${text}` : text;
			})
			.filter((entry) => entry !== '')
			.map(clip);
	}
	if (typeof value === 'object' && value !== null) {
		return Object.entries(value as Record<string, unknown>).flatMap(([field, problems]) => {
			const list = Array.isArray(problems) ? problems : [problems];
			return list.filter((problem) => typeof problem === 'string').map((problem) => clip(`${field}: ${problem}`));
		});
	}
	return [];
}

/** Reads whatever Aluma sent back: JSON of either shape, HTML from a proxy, plain text or nothing. */
export function parseErrorBody(body: Buffer | string | undefined, contentType = ''): AlumaErrorDetails {
	const text = bodyText(body);
	if (text.trim() === '') return { fieldErrors: [], fields: [] };
	const json = parseJsonObject(text) as JsonObject | undefined;
	if (!json) {
		// An HTML error page from a proxy says nothing useful; plain text might.
		const isHtml = /html/i.test(contentType) || /^\s*</.test(text);
		return { detail: isHtml ? undefined : asText(text), fieldErrors: [], fields: [] };
	}
	return {
		detail: asText(json.detail) ?? asText(json.message) ?? asText(json.title) ?? asText(json.error_description),
		fieldErrors: [...flattenFieldErrors(json.errors), ...flattenFieldErrors(json.requestErrors)],
		fields: Array.isArray(json.errors) ? json.errors.map(problemField).filter((field): field is string => field !== undefined) : [],
		type: asText(json.type),
		instance: asText(json.instance),
		title: asText(json.title),
		legacyMessage: asText(json.message),
	};
}

interface StatusAdvice {
	message: string;
	description: string;
}

/** What each status means to someone building a workflow. */
export function adviceForStatus(status: number, what: string): StatusAdvice {
	switch (status) {
		case 400:
			return {
				message: `Aluma rejected the request to ${what} as invalid`,
				description: 'Check the parameters of this step against what Aluma expects',
			};
		case 401:
			return {
				message: 'Aluma did not accept the access token',
				description:
					'The node renewed the token and resent the request once, and Aluma still refused it. Check that the API client in the Aluma API credential is still active',
			};
		case 403:
			return {
				message: `Aluma refused to ${what}`,
				description: `The API client is not allowed to do this, or an Aluma limit was reached (by default an API client may hold ${DEFAULT_DOCUMENT_ALLOWANCE} documents at once). Check the API client in the Aluma admin portal`,
			};
		case 404:
			return {
				message: `Aluma could not find what was asked for when trying to ${what}`,
				description: /\bdocument/.test(what)
					? 'Check the ID or name used in this step; it may have been deleted, or documents are deleted by Aluma after 10 minutes unused'
					: 'Check the ID or name used in this step; it may have been deleted',
			};
		case 405:
			return {
				message: `Aluma does not allow this method to ${what}`,
				description: 'Check the method and path of the request',
			};
		case 409:
			return {
				message: `Aluma reported a conflict when trying to ${what}`,
				description: 'Something with this name already exists. Choose another name or delete the existing one first',
			};
		case 413:
			return {
				message: 'The file is too large for Aluma',
				description: 'Split the document or reduce its size (e.g. lower the scan resolution) and try again',
			};
		case 415:
			return {
				message: `Aluma does not accept this content type when trying to ${what}`,
				description: 'Check the MIME type of the binary data; set the correct file type before this step',
			};
		case 422:
			return {
				message: `Aluma could not process the request to ${what}`,
				description: 'The request was well formed but Aluma could not act on it; the details below say why',
			};
		case 429:
			return {
				message: 'Aluma is limiting the rate of requests',
				description: 'The node waited and retried. Reduce the concurrency of this step, or wait before running the workflow again',
			};
		default:
			if (status >= 500) {
				return {
					message: `Aluma had a server error (HTTP ${status}) when trying to ${what}`,
					description: 'This is a problem on Aluma\'s side. The node retried the request; try again in a few minutes',
				};
			}
			return {
				message: `Aluma answered HTTP ${status} when trying to ${what}`,
				description: 'Check the parameters of this step',
			};
	}
}

export interface HttpFailure {
	status: number;
	body?: Buffer | string;
	contentType?: string;
	/** Short verb phrase for messages: "create the document", "classify the document". */
	what: string;
	/** Replaces the generic 404 message: 'No Aluma task has the ID "x" (parameter "Task ID")'. */
	notFound?: string;
	attempts?: number;
	/** The Retry-After header, kept for callers that wait (the document allowance). */
	retryAfter?: string;
	/** The body already read by the caller, so it is parsed once. */
	details?: AlumaErrorDetails;
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
