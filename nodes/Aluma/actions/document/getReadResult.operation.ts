import { readProperties, runRead } from './steps/reading';
import { storedDocumentOperation } from './storedDocumentOperation';

// The result of an earlier read in another format: the document is read (OCR) only once.
export const { description, execute } = storedDocumentOperation('getReadResult', readProperties, async (ctx, itemIndex, documentId, options) => [
	await runRead(ctx, itemIndex, documentId, undefined, options, { readFirst: false }),
]);
