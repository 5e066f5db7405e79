import { documentStepOperation } from './byId';
import { runSuggestions, suggestionProperties } from './suggestions';

// documentStepOperation reads the Document ID and makes a 404 name it.
export const { description, execute } = documentStepOperation('generateSuggestions', suggestionProperties, async (ctx, itemIndex, documentId, options) => [
	{ json: await runSuggestions(ctx, itemIndex, documentId, options) },
]);
