import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyClassification } from '../../helpers/simplify';
import { classifyDocument } from '../../transport/documents';
import type { ProcessingOptions } from './fields';
import { documentIdField, locatorValue, modelLocator, processingTimeoutMs, requiredString, timeoutOption } from './fields';

export const classifierField = modelLocator('classifier', 'searchClassifiers');

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** The classify step's own fields, shared with "Classify File". */
export const classifyProperties: INodeProperties[] = [classifierField, simplifyField];

export async function runClassify(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	options: ProcessingOptions,
): Promise<IDataObject> {
	const classifier = locatorValue(ctx, 'classifier', 'Classifier', itemIndex);
	const raw = await classifyDocument(ctx, documentId, classifier, { itemIndex, timeoutMs: processingTimeoutMs(options) });
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? { documentId, classifier, ...simplifyClassification(raw) } : { documentId, ...raw };
}

const properties: INodeProperties[] = [
	documentIdField,
	...classifyProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [timeoutOption],
	},
];

const displayOptions = { show: { resource: ['document'], operation: ['classify'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const documentId = requiredString(this, 'documentId', 'Document ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as ProcessingOptions;
	return [{ json: await runClassify(this, itemIndex, documentId, options) }];
}
