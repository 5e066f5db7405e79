import { locatorValue } from '../parameters';
import { classifyProperties, runClassify } from './steps/classification';
import { storedDocumentOperation } from './storedDocumentOperation';

export const { description, execute } = storedDocumentOperation('classify', classifyProperties, async (ctx, itemIndex, documentId, options) => [
	{ json: await runClassify(ctx, itemIndex, documentId, options, locatorValue(ctx, 'classifier', 'Classifier', itemIndex)) },
]);
