/**
 * What the suggestion operations share: the Context field (one per end user, so Aluma learns each
 * person's filing) and the generate step with its output. Used by "Generate Suggestions" (a
 * document by ID) and "Suggest File Name and Folder" (a file, one step).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifySuggestions } from '../../../helpers/suggestions';
import { generateSuggestions } from '../../../transport/suggestions';
import { requiredString } from '../../parameters';
import type { ProcessingOptions } from '../fields';
import { simplifyField, stepCall } from '../fields';

export const contextField: INodeProperties = {
	displayName: 'Context',
	name: 'context',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. user-4711',
	description: 'Who the suggestions are for: use one context per end user (such as their user ID), so Aluma learns how each person files',
};

export const suggestionProperties: INodeProperties[] = [contextField, simplifyField];

export async function runSuggestions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	options: ProcessingOptions,
): Promise<IDataObject> {
	const context = requiredString(ctx, 'context', 'Context', itemIndex);
	const raw = await generateSuggestions(ctx, documentId, context, stepCall(itemIndex, options));
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return { documentId, context, ...(simplify ? simplifySuggestions(raw) : raw) };
}
