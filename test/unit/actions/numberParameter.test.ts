import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NumberBounds } from '../../../nodes/Aluma/actions/numberParameter';
import { numberParameter, numberValue } from '../../../nodes/Aluma/actions/numberParameter';

const NODE = { name: 'Aluma', type: 'aluma', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** Just enough of IExecuteFunctions: the node and the parameters given (after expressions). */
function context(parameters: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => NODE,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
	} as unknown as IExecuteFunctions;
}

const SECONDS: NumberBounds = { min: 1, max: 3600, integer: true };

function refusal(raw: unknown, bounds = SECONDS): NodeOperationError {
	try {
		numberValue(context({}), raw, 'Check Every (Seconds)', 3, bounds);
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error(`${String(raw)} was accepted`);
}

describe('numberValue', () => {
	it.each([
		['', '""'],
		['   ', '"   "'],
		['abc', '"abc"'],
		['12abc', '"12abc"'],
		['0x10', '"0x10"'],
		['Infinity', '"Infinity"'],
		[null, 'nothing'],
		[undefined, 'nothing'],
		[true, 'true'],
		[[5], 'a list'],
		[{ value: 5 }, 'an object'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
		[Number.NEGATIVE_INFINITY, '-Infinity'],
		[1e308, '1e+308'],
		[9999999999, '9999999999'],
		[2 ** 31, '2147483648'],
		[-5, '-5'],
		[0, '0'],
		[-0, '-0'],
		[0.5, '0.5'],
		[3600.5, '3600.5'],
		[3601, '3601'],
	])('refuses %p, naming the parameter, the bounds, the value and the item', (raw, shownAs) => {
		const error = refusal(raw);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(`The parameter "Check Every (Seconds)" must be a whole number from 1 to 3600 (got ${shownAs})`);
		expect(error.description).toBe('Enter a whole number from 1 to 3600. When the value comes from an expression, make sure it gives a number');
		expect(error.context.itemIndex).toBe(3);
	});

	it('shortens a long text in the message', () => {
		expect(refusal('x'.repeat(500)).message).toMatch(/\(got "x{40}…"\)$/);
	});

	it.each([
		[1, 1],
		[3600, 3600],
		['10', 10],
		[' 10 ', 10],
		['1e3', 1000],
		['+7', 7],
	])('accepts %p as %p', (raw, expected) => {
		expect(numberValue(context({}), raw, 'Check Every (Seconds)', 0, SECONDS)).toBe(expected);
	});

	it('accepts fractions and zero where the bounds allow them, and never returns -0', () => {
		const points = { min: 0, max: 14400 };
		expect(numberValue(context({}), 0.5, 'Top', 0, points)).toBe(0.5);
		expect(Object.is(numberValue(context({}), -0, 'Top', 0, points), 0)).toBe(true);
		expect(refusal(-0.1, points).message).toBe('The parameter "Check Every (Seconds)" must be a number from 0 to 14400 (got -0.1)');
	});
});

describe('numberParameter', () => {
	it('uses the default when the parameter is not set, and checks the value when it is', () => {
		expect(numberParameter(context({}), 'options.timeout', 'Timeout (Seconds)', 0, { min: 10, max: 3600, integer: true, default: 300 })).toBe(300);
		expect(() =>
			numberParameter(context({ 'options.timeout': 'soon' }), 'options.timeout', 'Timeout (Seconds)', 2, { min: 10, max: 3600, integer: true, default: 300 }),
		).toThrow('The parameter "Timeout (Seconds)" must be a whole number from 10 to 3600 (got "soon")');
	});
});
