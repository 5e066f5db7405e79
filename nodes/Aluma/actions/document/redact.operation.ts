import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deriveFileName, toBinaryData } from '../../helpers/binary';
import { isRedactable } from '../../helpers/documentOutput';
import type { RedactionRequest } from '../../transport/documents';
import { extractDocument, getDocument, redactDocument } from '../../transport/documents';
import type { ProcessingOptions } from './fields';
import { documentStepOperation } from './byId';
import { locatorValue, modelLocator, modelNotFoundError, outputBinaryField, processingTimeoutMs } from './fields';

const number = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	default: 0,
	description,
});

/** The redact step's own fields, shared with "Redact File". */
export const redactProperties: INodeProperties[] = [
	{
		displayName: 'Redact',
		name: 'redactFrom',
		type: 'options',
		options: [
			{ name: 'Fields Found by an Extractor', value: 'extractor', description: 'Black out what an extractor finds' },
			{ name: 'Marks I Enter', value: 'marks', description: 'Areas given in points from the top-left of a page' },
			{ name: 'Redaction Request (JSON)', value: 'json', description: 'A complete Aluma redaction request body' },
		],
		default: 'extractor',
	},
	{ ...modelLocator('extractor', 'searchExtractors'), displayOptions: { show: { redactFrom: ['extractor'] } } },
	{
		displayName: 'Marks',
		name: 'marks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mark',
		default: {},
		displayOptions: { show: { redactFrom: ['marks'] } },
		options: [
			{
				name: 'mark',
				displayName: 'Mark',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Optional label for the area' },
					{ ...number('Page Number', 'pageNumber', 'Page of the area, starting at 1'), default: 1 },
					number('Top', 'top', 'Distance of the top edge from the top of the page, in points (1/72 inch)'),
					number('Left', 'left', 'Distance of the left edge from the left of the page, in points'),
					number('Bottom', 'bottom', 'Distance of the bottom edge from the top of the page, in points'),
					number('Right', 'right', 'Distance of the right edge from the left of the page, in points'),
				],
			},
		],
	},
	{
		displayName: 'Redaction Request',
		name: 'redactionJson',
		type: 'json',
		default: '{\n  "marks": [],\n  "apply_marks": true\n}',
		displayOptions: { show: { redactFrom: ['json'] } },
	},
	{
		displayName: 'Apply Marks',
		name: 'applyMarks',
		type: 'boolean',
		default: true,
		description: 'Whether to burn the redactions in (irreversible) instead of only adding redaction annotations for review',
		displayOptions: { show: { redactFrom: ['extractor', 'marks'] } },
	},
	{
		displayName: 'Bookmarks',
		name: 'bookmarks',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Bookmark',
		default: {},
		displayOptions: { show: { redactFrom: ['extractor', 'marks'] } },
		options: [
			{
				name: 'bookmark',
				displayName: 'Bookmark',
				values: [
					{ displayName: 'Text', name: 'text', type: 'string', default: '' },
					{ ...number('Page Number', 'pageNumber', 'Page the bookmark points to, starting at 1'), default: 1 },
				],
			},
		],
	},
	outputBinaryField,
];

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
}

function marksFromParameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const marks = (ctx.getNodeParameter('marks.mark', itemIndex, []) as IDataObject[]) ?? [];
	if (marks.length === 0) fail(ctx, itemIndex, 'No marks entered (parameter "Marks")', 'Add at least one area to redact');
	return marks.map((mark, index) => {
		const [top, left, bottom, right, page] = ['top', 'left', 'bottom', 'right', 'pageNumber'].map((key) => Number(mark[key]));
		const valid = [top, left, bottom, right].every((v) => Number.isFinite(v) && v >= 0) && bottom > top && right > left;
		if (!valid || !Number.isInteger(page) || page < 1) {
			fail(ctx, itemIndex, `Mark ${index + 1} is not a valid area (parameter "Marks")`, 'Top must be above Bottom, Left before Right, all in points ≥ 0, and Page Number a whole number from 1');
		}
		const area = { top, left, bottom, right, page_number: page };
		return mark.name ? { name: String(mark.name), area } : { area };
	});
}

function parseRedactionJson(ctx: IExecuteFunctions, itemIndex: number): RedactionRequest {
	const raw = ctx.getNodeParameter('redactionJson', itemIndex, '{}') as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch {
			parsed = undefined;
		}
	}
	const request = parsed as RedactionRequest | undefined;
	if (!request || typeof request !== 'object' || !Array.isArray(request.marks)) {
		fail(ctx, itemIndex, 'The parameter "Redaction Request" is not a valid redaction request', 'Give a JSON object with a "marks" array, e.g. {"marks":[{"area":{"top":98,"left":157,"bottom":104,"right":187,"page_number":1}}]}');
	}
	return request;
}

async function buildRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	options: ProcessingOptions,
): Promise<RedactionRequest> {
	const from = ctx.getNodeParameter('redactFrom', itemIndex, 'extractor') as 'extractor' | 'marks' | 'json';
	if (from === 'json') return parseRedactionJson(ctx, itemIndex);
	const bookmarks = ((ctx.getNodeParameter('bookmarks.bookmark', itemIndex, []) as IDataObject[]) ?? []).map(
		(bookmark) => ({ text: String(bookmark.text ?? ''), page_number: Number(bookmark.pageNumber ?? 1) }),
	);
	const applyMarks = ctx.getNodeParameter('applyMarks', itemIndex, true) as boolean;
	if (from === 'marks') return { marks: marksFromParameters(ctx, itemIndex), apply_marks: applyMarks, bookmarks };
	const extractor = locatorValue(ctx, 'extractor', 'Extractor', itemIndex);
	// Aluma builds the marks itself when asked for the redaction request format.
	const fromExtractor = (await extractDocument(ctx, documentId, extractor, {
		itemIndex,
		timeoutMs: processingTimeoutMs(options),
		redactionRequest: true,
	}).catch(async (error: unknown) => {
		throw await modelNotFoundError(ctx, error, { kind: 'extractor', name: extractor, label: 'Extractor' }, documentId, itemIndex);
	})) as RedactionRequest;
	const marks = Array.isArray(fromExtractor.marks) ? fromExtractor.marks : [];
	const combined = [...(Array.isArray(fromExtractor.bookmarks) ? fromExtractor.bookmarks : []), ...bookmarks];
	return { ...fromExtractor, marks, apply_marks: applyMarks, bookmarks: combined };
}

export function refuseUnredactable(ctx: IExecuteFunctions, itemIndex: number, what: string): never {
	fail(ctx, itemIndex, `Aluma can only redact PDF and TIFF documents; this one is ${what}`, 'Convert the file to PDF first, or send a PDF or TIFF file');
}

/** Redacts a document already known to be PDF or TIFF and returns the redacted PDF as an item. */
export async function runRedact(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	originalName: string | undefined,
	options: ProcessingOptions,
): Promise<INodeExecutionData> {
	const request = await buildRequest(ctx, itemIndex, documentId, options);
	const pdf = await redactDocument(ctx, documentId, request, { itemIndex, timeoutMs: processingTimeoutMs(options) });
	const fileName = deriveFileName(originalName ?? documentId, '-redacted', 'pdf');
	const field = (ctx.getNodeParameter('outputBinaryField', itemIndex, 'data') as string) || 'data';
	return {
		json: { documentId, fileName, marks: request.marks.length, applied: request.apply_marks !== false },
		binary: { [field]: await toBinaryData(ctx, pdf, fileName, 'application/pdf') },
	};
}

export const { description, execute } = documentStepOperation('redact', redactProperties, async (ctx, itemIndex, documentId, options) => {
	const document = await getDocument(ctx, documentId, { itemIndex });
	const fileType = document._embedded?.files?.[0]?.file_type;
	if (!isRedactable(fileType)) refuseUnredactable(ctx, itemIndex, `of type ${String(fileType ?? 'unknown')}`);
	return [await runRedact(ctx, itemIndex, documentId, undefined, options)];
});
