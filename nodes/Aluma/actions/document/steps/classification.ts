/** The classify step: its fields and the request, for "Classify Stored Document", "Classify File" and "Classify and Extract". */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyClassification } from '../../../helpers/simplify';
import { classifyDocument } from '../../../transport/documents';
import type { ProcessingOptions } from '../fields';
import { modelLocator } from '../../parameters';
import { simplifyField, stepCall } from '../fields';
import { modelNotFoundError } from './modelNotFoundError';

export const classifierField = modelLocator('classifier', 'searchClassifiers');

/** The classify step's own fields, shared by "Classify Stored Document" and "Classify File". */
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
