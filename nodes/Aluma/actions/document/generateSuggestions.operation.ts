import { documentStepOperation } from './byId';
import { documentNotFound, runSuggestions, suggestionProperties } from './suggestions';

export const { description, execute } = documentStepOperation('generateSuggestions', suggestionProperties, async (ctx, itemIndex, documentId, options) => [
	{ json: await runSuggestions(ctx, itemIndex, documentId, { ...options, notFound: documentNotFound(documentId) }) },
]);
