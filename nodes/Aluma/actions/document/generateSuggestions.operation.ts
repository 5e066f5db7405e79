import { storedDocumentOperation } from './storedDocumentOperation';
import { runSuggestions, suggestionProperties } from './steps/suggestions';

// storedDocumentOperation reads the Document ID and makes a 404 name it.
export const { description, execute } = storedDocumentOperation('generateSuggestions', suggestionProperties, async (ctx, itemIndex, documentId, options) => [
	{ json: await runSuggestions(ctx, itemIndex, documentId, options) },
]);
