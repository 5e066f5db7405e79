/** Field helpers shared by every resource: model pickers, names and required values. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Names Aluma accepts for classifiers and extractors (INFERRED from the Waives-era clients); "." and ".." are path segments, not names. */
export const MODEL_NAME_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,100}$/;

export function modelLocator(kind: 'classifier' | 'extractor', searchListMethod: string): INodeProperties {
	const label = kind === 'classifier' ? 'Classifier' : 'Extractor';
	return {
		displayName: label,
		name: kind,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${kind} to use: its name, e.g. ${kind === 'classifier' ? 'mailroom' : 'aluma.invoices.gb'} (${label} → Get Many lists them)`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: kind === 'classifier' ? 'e.g. mailroom' : 'e.g. aluma.invoices.gb',
				validation: [
					{
						type: 'regex',
						properties: { regex: MODEL_NAME_PATTERN.source, errorMessage: 'Use letters, digits, ".", "_" or "-"' },
					},
				],
			},
		],
	};
}

/**
 * What, in an ID or name that goes into a path, would change the path or its query, or could only
 * be a mistake: no Aluma ID or model name has it. Document types may have spaces ("Purchase Order").
 */
function pathProblem(value: string, spaces: boolean): string | undefined {
	if (value === '.' || value.includes('..')) return value === '.' ? '"."' : '".."';
	const found = (spaces ? /[/\\?#%]|\p{Cc}/u : /[/\\?#%]|\p{Cc}|\s/u).exec(value)?.[0];
	if (found === undefined) return undefined;
	if (/\p{Cc}/u.test(found)) return 'a control character';
	return /\s/.test(found) ? 'a space' : `"${found}"`;
}

/**
 * Refuses an ID or name that would not stay one path segment (Aluma IDs are URL-safe base64),
 * naming the parameter, before anything is sent. Returns the value.
 */
export function pathValue(ctx: IExecuteFunctions, value: string, label: string, itemIndex: number, options: { spaces?: boolean } = {}): string {
	const problem = pathProblem(value, options.spaces === true);
	if (problem === undefined) return value;
	const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	const allowed = options.spaces ? '/, \\, ?, #, %, ".." or control characters' : '/, \\, ?, #, %, "..", spaces or control characters';
	throw new NodeOperationError(ctx.getNode(), `The value ${shown} contains ${problem}, which no Aluma ID or name has (parameter "${label}")`, {
		description: `Use the ID or name exactly as Aluma gives it, e.g. from the output of the step that created it; it cannot contain ${allowed}`,
		itemIndex,
	});
}

/** Reads a resource locator's value (an ID or name) and refuses an empty or unsafe one, naming the parameter and item. */
export function locatorValue(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `No ${label.toLowerCase()} chosen (parameter "${label}")`, {
			description: `Pick a ${label.toLowerCase()} from the list or enter its name`,
			itemIndex,
		});
	}
	return pathValue(ctx, value, label, itemIndex);
}

/** A picker's text, saved as a resource locator ({ mode, value }) or, in older workflows, as plain text. */
export function locatorText(value: unknown): unknown {
	return typeof value === 'object' && value !== null && 'value' in value ? (value as { value?: unknown }).value : value;
}

/** A picker's value as trimmed text, whether saved as a resource locator or, in older workflows, as plain text. */
export function locatorName(value: unknown): string {
	return String(locatorText(value) ?? '').trim();
}

/** A required text parameter; a resource locator's value is read too (Task ID is one from node version 1.1). */
export function requiredString(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(locatorText(ctx.getNodeParameter(name, itemIndex, '')) ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `The parameter "${label}" is empty`, {
			description: `Enter a value for "${label}"`,
			itemIndex,
		});
	}
	return value;
}

/** A required ID (or a name) that goes into a request path: "Document ID", "Task ID", "Document Type". */
export function idParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number, options: { spaces?: boolean } = {}): string {
	return pathValue(ctx, requiredString(ctx, name, label, itemIndex), label, itemIndex, options);
}

/** A JSON parameter: parsed when it is text, as it is when an expression gave an object; undefined when it is not valid JSON. */
export function jsonParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): unknown {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return raw.trim() ? (JSON.parse(raw) as unknown) : undefined;
	} catch {
		return undefined;
	}
}

/** A new classifier or extractor name, checked before anything is sent. */
export function modelName(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = requiredString(ctx, name, label, itemIndex);
	if (!MODEL_NAME_PATTERN.test(value)) {
		throw new NodeOperationError(ctx.getNode(), `The ${label.toLowerCase()} "${value}" contains characters Aluma does not accept (parameter "${label}")`, {
			description: 'Use 1 to 100 letters, digits, ".", "_" or "-", e.g. invoices-2026',
			itemIndex,
		});
	}
	return value;
}
