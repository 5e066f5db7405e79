import { extractProperties, runExtract } from './steps/extraction';
import { locatorValue } from '../parameters';
import { oneStepOperation } from './oneStepOperation';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'extractFromFile',
	properties: extractProperties,
	precheck: (ctx, itemIndex) => locatorValue(ctx, 'extractor', 'Extractor', itemIndex),
	run: async (ctx, { itemIndex, document, options, fileInfo }, extractor) =>
		await runExtract(ctx, itemIndex, document.id, extractor, options, fileInfo),
});
