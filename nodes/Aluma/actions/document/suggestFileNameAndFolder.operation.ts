import { oneStepOperation } from './oneStepOperation';
import { runSuggestions, suggestionProperties } from './steps/suggestions';

// The document is deleted afterwards, so the chosen folder cannot be stored for it: to teach Aluma,
// use Create From File → Generate Suggestions → Store Suggestion Result → Delete.
export const { description, execute, concurrency } = oneStepOperation({
	operation: 'suggestFileNameAndFolder',
	properties: suggestionProperties,
	run: async (ctx, { itemIndex, document, options, fileInfo }) => [
		{ json: { ...fileInfo, ...(await runSuggestions(ctx, itemIndex, document.id, options)) } },
	],
});
