import { readProperties, runRead } from './steps/reading';
import { storedDocumentOperation } from './storedDocumentOperation';

export const { description, execute } = storedDocumentOperation('read', readProperties, async (ctx, itemIndex, documentId, options) => [
	await runRead(ctx, itemIndex, documentId, undefined, options),
]);
