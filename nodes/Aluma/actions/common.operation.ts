/** Return All / Limit, shared by the Get Many operations that offer them. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Applies Return All / Limit to a list Aluma returns whole. */
export function limitResults<T>(ctx: IExecuteFunctions, itemIndex: number, results: T[]): T[] {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return results;
	return results.slice(0, ctx.getNodeParameter('limit', itemIndex, 50) as number);
}
