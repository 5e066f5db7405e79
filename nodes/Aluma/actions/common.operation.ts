/** Return All / Limit, shared by the Get Many operations that offer them. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NumberBounds } from './numberParameter';
import { numberParameter } from './numberParameter';

const LIMIT: NumberBounds = { min: 1, max: 10_000, integer: true };

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: LIMIT.min, maxValue: LIMIT.max, numberPrecision: 0 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * Reads Return All / Limit before anything is fetched (a bad limit is refused without a request)
 * and returns what applies them to the list Aluma returns whole.
 */
export function resultLimit(ctx: IExecuteFunctions, itemIndex: number): <T>(results: T[]) => T[] {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return (results) => results;
	const limit = numberParameter(ctx, 'limit', 'Limit', itemIndex, { ...LIMIT, default: 50 });
	return (results) => results.slice(0, limit);
}
