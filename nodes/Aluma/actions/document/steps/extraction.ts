/** The extract step: its fields, the request and the shaping of its result, for "Extract From Stored Document", "Extract From File" and "Classify and Extract". */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readExtraction, simplifyExtraction } from '../../../helpers/simplify';
import { extractDocument } from '../../../transport/documents';
import type { ProcessingOptions } from '../fields';
import { modelLocator } from '../../parameters';
import { stepCall } from '../fields';
import { modelNotFoundError } from './modelNotFoundError';

export const extractorField = modelLocator('extractor', 'searchExtractors');

/** The extract step's own fields, shared with "Extract From File" and "Classify and Extract". */
export const extractOutputProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'extractOutput',
		type: 'options',
		options: [
			{ name: 'Raw', value: 'raw', description: 'Aluma\'s full field results, with scores, areas and alternatives' },
			{ name: 'Selected Fields', value: 'selected', description: 'Only the fields named below' },
			{ name: 'Simplified', value: 'simplified', description: 'One key per field with its value, and the rejected fields' },
		],
		default: 'simplified',
	},
	{
		displayName: 'Fields',
		name: 'fieldsToReturn',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Invoice Number, Gross Total',
		description: 'Comma-separated names of the fields to return',
		displayOptions: { show: { extractOutput: ['selected'] } },
	},
	{
		displayName: 'Split Table Rows Into Items',
		name: 'splitTableField',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'A table field of the extractor; when set, each of its rows becomes its own output item, alongside the other fields. Leave empty to keep one item per document.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchExtractorFields', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Line Items' },
		],
		displayOptions: { show: { extractOutput: ['simplified', 'selected'] } },
	},
];

export const extractProperties: INodeProperties[] = [extractorField, ...extractOutputProperties];

/** Shapes an extraction result per the Output parameters; may return several items (table rows). */
export function shapeExtraction(
	ctx: IExecuteFunctions,
	itemIndex: number,
	raw: IDataObject,
	context: IDataObject,
): INodeExecutionData[] {
	const output = ctx.getNodeParameter('extractOutput', itemIndex, 'simplified') as 'simplified' | 'raw' | 'selected';
	if (output === 'raw') return [{ json: { ...context, ...raw } }];
	const selected =
		output === 'selected'
			? String(ctx.getNodeParameter('fieldsToReturn', itemIndex, ''))
					.split(',')
					.map((name) => name.trim())
					.filter(Boolean)
			: undefined;
	const simplified = { ...context, ...simplifyExtraction(raw, selected) };
	// A resource locator from node version 1.1 on; older saved workflows hold the name as a string.
	const tableField = String(ctx.getNodeParameter('splitTableField', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!tableField) return [{ json: simplified }];
	const table = readExtraction(raw).tables[tableField];
	if (!table) {
		throw new NodeOperationError(ctx.getNode(), `The extractor has no table field "${tableField}" (parameter "Split Table Rows Into Items")`, {
			description: 'Use the name of a table field of this extractor, or leave the parameter empty',
			itemIndex,
		});
	}
	const rest: IDataObject = { ...simplified };
	delete rest[tableField];
	// Extracted fields win over the node's keys (context, rowIndex, row), whatever they are named.
	return table.map((row, rowIndex) => ({ json: { rowIndex, row, ...rest } }));
}

export async function runExtract(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	extractor: string,
	options: ProcessingOptions,
	context: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const raw = await extractDocument(ctx, documentId, extractor, stepCall(itemIndex, options)).catch(
		async (error: unknown) => {
			throw await modelNotFoundError(ctx, error, { kind: 'extractor', name: extractor, label: 'Extractor' }, documentId, itemIndex);
		},
	);
	return shapeExtraction(ctx, itemIndex, raw, { documentId, extractor, ...context });
}
