/**
 * The one reader of numeric parameters. An expression can give text, '', null, NaN, Infinity or
 * 1e308 to a number field; passed on, such a value becomes a wait of 1 ms or a limit of nothing,
 * so every number is checked against its bounds before anything is sent.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseNumber } from '../helpers/typedValue';

export interface NumberBounds {
	min: number;
	max: number;
	/** Whole numbers only (seconds, counts, page numbers). */
	integer?: boolean;
}

/** The value as the user should see it in the message. */
function shown(raw: unknown): string {
	if (typeof raw === 'string') return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
	if (typeof raw === 'number') return Object.is(raw, -0) ? '-0' : String(raw);
	if (raw === null || raw === undefined) return 'nothing';
	if (Array.isArray(raw)) return 'a list';
	return typeof raw === 'object' ? 'an object' : String(raw);
}

/** Checks a value already read (e.g. from a collection entry) against `bounds`. */
export function numberValue(ctx: IExecuteFunctions, raw: unknown, label: string, itemIndex: number, bounds: NumberBounds): number {
	// Text that spells a number is read (an expression's result often is text).
	const value = parseNumber(raw);
	const valid =
		value !== undefined &&
		Number.isFinite(value) &&
		value >= bounds.min &&
		value <= bounds.max &&
		(!bounds.integer || Number.isInteger(value));
	if (!valid) {
		const kind = bounds.integer ? 'a whole number' : 'a number';
		throw new NodeOperationError(
			ctx.getNode(),
			`The parameter "${label}" must be ${kind} from ${bounds.min} to ${bounds.max} (got ${shown(raw)})`,
			{
				description: `Enter ${kind} from ${bounds.min} to ${bounds.max}. When the value comes from an expression, make sure it gives a number`,
				itemIndex,
			},
		);
	}
	// -0 and 0 are the same to every caller; keep the output free of "-0".
	return value === 0 ? 0 : value;
}

/** Reads the number parameter `name` (dotted paths such as "options.timeout" work) of item `itemIndex`. */
export function numberParameter(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	bounds: NumberBounds & { default: number },
): number {
	return numberValue(ctx, ctx.getNodeParameter(name, itemIndex, bounds.default), label, itemIndex, bounds);
}
