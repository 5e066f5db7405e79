/**
 * Aluma's Suggestions API ("Aluma API only" in Aluma's docs): file name and folder suggestions for
 * a document, per end user (`context`), and the folder finally chosen, from which Aluma learns.
 * Both paths are INFERRED (routes.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallOptions } from './documents';
import { alumaRequest } from './request';
import { ROUTES } from './routes';
import type { AlumaContext } from './tokenSession';

export interface SuggestionCallOptions extends CallOptions {
	/** The message for Aluma's 404 "The specified Document does not exist", naming the parameter. */
	notFound?: string;
}

/** What is stored once the user has chosen (INFERRED body: Aluma does not show it). */
export interface SuggestionResult extends IDataObject {
	context: string;
	folder_id: string;
	file_name?: string;
}

export async function generateSuggestions(
	ctx: AlumaContext,
	documentId: string,
	context: string,
	options: SuggestionCallOptions = {},
): Promise<IDataObject> {
	const { body } = await alumaRequest<IDataObject>(ctx, {
		route: ROUTES.generateSuggestions,
		params: { documentId },
		json: { context },
		what: 'generate suggestions for the document',
		...options,
	});
	return body;
}

export async function storeSuggestionResult(
	ctx: AlumaContext,
	documentId: string,
	result: SuggestionResult,
	options: SuggestionCallOptions = {},
): Promise<void> {
	await alumaRequest(ctx, {
		route: ROUTES.storeSuggestionResults,
		params: { documentId },
		json: result,
		responseType: 'none',
		what: 'store the chosen folder of the document',
		...options,
	});
}
