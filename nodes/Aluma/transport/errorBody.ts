/**
 * Reading Aluma's error answers. Aluma answers RFC 7807 problem details on newer APIs and
 * `{message, requestErrors}` on the documents, classifier and token APIs; both are parsed here, so
 * the wording (errors.ts) and the allowance check (allowanceAnswer.ts) read one shape.
 */
import type { JsonObject } from 'n8n-workflow';

import { bodyText, parseJsonObject } from '../../../shared/jsonBody';

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
