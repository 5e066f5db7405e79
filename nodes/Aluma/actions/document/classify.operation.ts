import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyClassification } from '../../helpers/simplify';
import { classifyDocument } from '../../transport/documents';
import type { ProcessingOptions } from './fields';
import { storedDocumentOperation } from './storedDocumentOperation';
import { locatorValue, modelLocator, modelNotFoundError, simplifyField, stepCall } from './fields';

export const classifierField = modelLocator('classifier', 'searchClassifiers');

/** The classify step's own fields, shared with "Classify File". */
export const classifyProperties: INodeProperties[] = [classifierField, simplifyField];

export async function runClassify(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	options: ProcessingOptions,
	classifier: string,
): Promise<IDataObject> {
	const raw = await classifyDocument(ctx, documentId, classifier, stepCall(itemIndex, options)).catch(
		async (error: unknown) => {
			throw await modelNotFoundError(ctx, error, { kind: 'classifier', name: classifier, label: 'Classifier' }, documentId, itemIndex);
		},
	);
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? { documentId, classifier, ...simplifyClassification(raw) } : { documentId, ...raw };
}

export const { description, execute } = storedDocumentOperation('classify', classifyProperties, async (ctx, itemIndex, documentId, options) => [
	{ json: await runClassify(ctx, itemIndex, documentId, options, locatorValue(ctx, 'classifier', 'Classifier', itemIndex)) },
]);
