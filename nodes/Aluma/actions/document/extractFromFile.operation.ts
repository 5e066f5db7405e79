import { extractProperties, runExtract } from './extract.operation';
import { locatorValue } from './fields';
import { oneStepOperation } from './oneStep';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'extractFromFile',
	properties: extractProperties,
	run: async (ctx, { itemIndex, document, options, fileInfo }) => {
		const extractor = locatorValue(ctx, 'extractor', 'Extractor', itemIndex);
		return await runExtract(ctx, itemIndex, document.id, extractor, options, fileInfo);
	},
});
