import { locatorValue } from '../parameters';
import { extractProperties, runExtract } from './steps/extraction';
import { storedDocumentOperation } from './storedDocumentOperation';

export const { description, execute } = storedDocumentOperation('extract', extractProperties, async (ctx, itemIndex, documentId, options) =>
	await runExtract(ctx, itemIndex, documentId, locatorValue(ctx, 'extractor', 'Extractor', itemIndex), options),
);
