/** Field helpers shared by every resource: model pickers, names and required values. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Names Aluma accepts for classifiers and extractors (INFERRED from the Waives-era clients). */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

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

/** Reads a resource locator's value and refuses an empty one, naming the parameter and item. */
export function locatorValue(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `No ${label.toLowerCase()} chosen (parameter "${label}")`, {
			description: `Pick a ${label.toLowerCase()} from the list or enter its name`,
			itemIndex,
		});
	}
	return value;
}

export function requiredString(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `The parameter "${label}" is empty`, {
			description: `Enter a value for "${label}"`,
			itemIndex,
		});
	}
	return value;
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
