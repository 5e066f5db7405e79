/** Fields shared by operations of several resources: Return All / Limit, and Simplify. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyResource } from '../helpers/resourceOutput';

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

/** Shown from node version 1.1 only, for what version 1 did not have (its saved workflows keep their output). */
export const fromVersion11 = (property: INodeProperties): INodeProperties => ({ ...property, displayOptions: { hide: { '@version': [1] } } });

/** Return All / Limit for the Get Many operations that returned everything in version 1. */
export const returnAllFieldsFrom11: INodeProperties[] = returnAllFields.map(fromVersion11);

/**
 * Reads Return All / Limit before anything is fetched (a bad limit is refused without a request)
 * and returns what applies them to the list Aluma returns whole. `returnAllWhenHidden` is for the
 * operations whose version 1 had no such fields.
 */
export function resultLimit(ctx: IExecuteFunctions, itemIndex: number, returnAllWhenHidden = false): <T>(results: T[]) => T[] {
	if (ctx.getNodeParameter('returnAll', itemIndex, returnAllWhenHidden) as boolean) return (results) => results;
	const limit = numberParameter(ctx, 'limit', 'Limit', itemIndex, { ...LIMIT, default: 50 });
	return (results) => results.slice(0, limit);
}

/** Simplify for Aluma's resources (classifiers, extractors, projects, tasks, exports), from version 1.1. */
export const simplifyOutputField: INodeProperties = fromVersion11({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response (camelCase keys, no HAL links) instead of the raw data',
});

/** What shapes the operation's JSON as Simplify says; version 1 (no Simplify) stays raw. */
export function outputShape(ctx: IExecuteFunctions, itemIndex: number): (json: IDataObject) => IDataObject {
	return (ctx.getNodeParameter('simplify', itemIndex, false) as boolean) ? simplifyResource : (json) => json;
}
