import { isRedactable } from '../../helpers/documentOutput';
import { getDocument } from '../../transport/documents';
import { storedDocumentOperation } from './storedDocumentOperation';
import { refuseUnredactable, runRedact } from './steps/redaction';
import { redactOptions, redactProperties } from './steps/redactionFields';
import { redactPlan } from './steps/redactionPlan';

export const { description, execute } = storedDocumentOperation('redact', redactProperties, async (ctx, itemIndex, documentId, options) => {
	const plan = redactPlan(ctx, itemIndex);
	const document = await getDocument(ctx, documentId, { itemIndex, notFound: options.notFound });
	const fileType = document._embedded?.files?.[0]?.file_type;
	if (!isRedactable(fileType)) refuseUnredactable(ctx, itemIndex, `this one is of type ${String(fileType ?? 'unknown')}`);
	return [await runRedact(ctx, itemIndex, documentId, undefined, options, plan)];
}, redactOptions);
