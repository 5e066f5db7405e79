/**
 * Turns a value typed in a text field (or given by an expression) into the JSON type something
 * declares: a number for a number field, a boolean for a module argument declared boolean.
 */

/** A plain decimal number written as text: no hex, no "Infinity", nothing after it. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** The number `raw` is or spells, or undefined; NaN and Infinity stay as they are, for the caller's bounds. */
export function parseNumber(raw: unknown): number | undefined {
	if (typeof raw === 'number') return raw;
	if (typeof raw === 'string' && DECIMAL.test(raw.trim())) return Number(raw.trim());
	return undefined;
}

export type ArgumentValue = string | number | boolean;

const BOOLEAN_TYPES = new Set(['boolean', 'bool']);
const INTEGER_TYPES = new Set(['integer', 'int', 'long']);
const NUMBER_TYPES = new Set(['number', 'float', 'double', 'decimal']);

/** What to ask for in a message, by declared type. */
export function typeHint(type: string): string {
	const kind = type.toLowerCase();
	if (BOOLEAN_TYPES.has(kind)) return 'true or false';
	if (INTEGER_TYPES.has(kind)) return 'a whole number, e.g. 3';
	return NUMBER_TYPES.has(kind) ? 'a number, e.g. 2.5' : 'text';
}

/**
 * `raw` as the JSON type `type` names (Aluma's module parameter types: string, regex, boolean; a
 * number type is read too), or `undefined` when it is not one. Text types keep the value as typed.
 */
export function typedArgument(raw: unknown, type: string | undefined): ArgumentValue | undefined {
	const kind = String(type ?? 'string').toLowerCase();
	if (BOOLEAN_TYPES.has(kind)) {
		if (typeof raw === 'boolean') return raw;
		const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
		return text === 'true' ? true : text === 'false' ? false : undefined;
	}
	if (INTEGER_TYPES.has(kind) || NUMBER_TYPES.has(kind)) {
		const value = parseNumber(raw);
		if (value === undefined || !Number.isFinite(value)) return undefined;
		return INTEGER_TYPES.has(kind) && !Number.isInteger(value) ? undefined : value;
	}
	return typeof raw === 'string' ? raw : String(raw ?? '');
}
