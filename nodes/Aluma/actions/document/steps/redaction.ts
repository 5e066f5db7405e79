/**
 * The redact step shared by "Redact" (a document by ID) and "Redact File": its fields, the plan
 * read from them before any request, and the request to Aluma.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deriveFileName } from '../../../helpers/fileNames';
import type { RedactionRequest } from '../../../transport/documents';
import { extractDocument, redactDocument } from '../../../transport/documents';
import type { NumberBounds } from '../../numberParameter';
import { numberValue } from '../../numberParameter';
import type { ProcessingOptions } from '../fields';
import { locatorValue, modelLocator } from '../../parameters';
import { outputBinaryField, stepCall } from '../fields';
import { modelNotFoundError } from './modelNotFoundError';

const PAGE: NumberBounds = { min: 1, max: 100_000, integer: true };
/** Points from the page's top-left corner; 14400 pt (200 inches) is the largest page a PDF can have. */
const POINTS: NumberBounds = { min: 0, max: 14_400 };

const number = (displayName: string, name: string, description: string, bounds: NumberBounds): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: bounds.min, maxValue: bounds.max, ...(bounds.integer ? { numberPrecision: 0 } : {}) },
	default: 0,
	description,
});

/** PDF bookmarks to add; a top-level field in version 1, one of the Options from 1.1. */
const bookmarksField: INodeProperties = {
	displayName: 'Bookmarks',
	name: 'bookmarks',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Bookmark',
	default: {},
	description: 'Entries for the bookmark panel of the redacted PDF, each pointing to a page (not with a JSON request, which carries its own)',
	options: [
		{
			name: 'bookmark',
			displayName: 'Bookmark',
			values: [
				{ displayName: 'Text', name: 'text', type: 'string', default: '' },
				{ ...number('Page Number', 'pageNumber', 'Page the bookmark points to, starting at 1', PAGE), default: 1 },
			],
		},
	],
};

/** Added to the Options of "Redact" and "Redact File" (from version 1.1). */
export const redactOptions: INodeProperties[] = [
	{ ...bookmarksField, displayOptions: { show: { '/redactFrom': ['extractor', 'marks'] }, hide: { '@version': [1] } } },
];

/** The redact step's own fields, shared with "Redact File". */
export const redactProperties: INodeProperties[] = [
	{
		displayName: 'Redact',
		name: 'redactFrom',
		type: 'options',
		options: [
			{ name: 'Fields Found by an Extractor', value: 'extractor', description: 'Black out what an extractor finds' },
			{ name: 'Define Below', value: 'marks', description: 'Areas you enter, in points from the top-left of a page' },
			{ name: 'Using JSON', value: 'json', description: 'A complete Aluma redaction request body' },
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
					{ ...number('Page Number', 'pageNumber', 'Page of the area, starting at 1', PAGE), default: 1 },
					number('Top', 'top', 'Distance of the top edge from the top of the page, in points (1/72 inch)', POINTS),
					number('Left', 'left', 'Distance of the left edge from the left of the page, in points', POINTS),
					number('Bottom', 'bottom', 'Distance of the bottom edge from the top of the page, in points', POINTS),
					number('Right', 'right', 'Distance of the right edge from the left of the page, in points', POINTS),
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
	{ ...bookmarksField, displayOptions: { show: { redactFrom: ['extractor', 'marks'], '@version': [1] } } },
	outputBinaryField,
];

function fail(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
}

function marksFromParameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const marks = (ctx.getNodeParameter('marks.mark', itemIndex, []) as IDataObject[]) ?? [];
	if (marks.length === 0) fail(ctx, itemIndex, 'No marks entered (parameter "Marks")', 'Add at least one area to redact');
	return marks.map((mark, index) => {
		// A key left out takes the field's default, as the editor would have saved it; null or text is refused.
		const read = (key: string, label: string, bounds: NumberBounds) =>
			numberValue(ctx, mark[key] === undefined ? bounds.min : mark[key], `Marks > Mark ${index + 1} > ${label}`, itemIndex, bounds);
		const [top, left, bottom, right] = ['Top', 'Left', 'Bottom', 'Right'].map((label) => read(label.toLowerCase(), label, POINTS));
		const area = { top, left, bottom, right, page_number: read('pageNumber', 'Page Number', PAGE) };
		if (bottom <= top || right <= left) {
			fail(ctx, itemIndex, `Mark ${index + 1} is not a valid area (parameter "Marks")`, 'Top must be above Bottom and Left before Right, in points from the top-left of the page');
		}
		return mark.name ? { name: String(mark.name), area } : { area };
	});
}

function bookmarksFromParameters(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const inOptions = ctx.getNodeParameter('options.bookmarks.bookmark', itemIndex, null) as IDataObject[] | null;
	const bookmarks = inOptions ?? (ctx.getNodeParameter('bookmarks.bookmark', itemIndex, []) as IDataObject[]) ?? [];
	return bookmarks.map((bookmark, index) => ({
		text: String(bookmark.text ?? ''),
		page_number: numberValue(ctx, bookmark.pageNumber === undefined ? PAGE.min : bookmark.pageNumber, `Bookmarks > Bookmark ${index + 1} > Page Number`, itemIndex, PAGE),
	}));
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

/** What to redact, read and checked from the parameters before any request is made. */
export type RedactPlan = { request: RedactionRequest } | { extractor: string; applyMarks: boolean; bookmarks: IDataObject[] };

export function redactPlan(ctx: IExecuteFunctions, itemIndex: number): RedactPlan {
	const from = ctx.getNodeParameter('redactFrom', itemIndex, 'extractor') as 'extractor' | 'marks' | 'json';
	if (from === 'json') return { request: parseRedactionJson(ctx, itemIndex) };
	const bookmarks = bookmarksFromParameters(ctx, itemIndex);
	const applyMarks = ctx.getNodeParameter('applyMarks', itemIndex, true) as boolean;
	if (from === 'marks') return { request: { marks: marksFromParameters(ctx, itemIndex), apply_marks: applyMarks, bookmarks } };
	return { extractor: locatorValue(ctx, 'extractor', 'Extractor', itemIndex), applyMarks, bookmarks };
}

async function buildRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	options: ProcessingOptions,
	plan: RedactPlan,
): Promise<RedactionRequest> {
	if ('request' in plan) return plan.request;
	const { extractor, applyMarks, bookmarks } = plan;
	// Aluma builds the marks itself when asked for the redaction request format.
	const fromExtractor = (await extractDocument(ctx, documentId, extractor, { ...stepCall(itemIndex, options), redactionRequest: true }).catch(async (error: unknown) => {
		throw await modelNotFoundError(ctx, error, { kind: 'extractor', name: extractor, label: 'Extractor' }, documentId, itemIndex);
	})) as RedactionRequest;
	const marks = Array.isArray(fromExtractor.marks) ? fromExtractor.marks : [];
	const combined = [...(Array.isArray(fromExtractor.bookmarks) ? fromExtractor.bookmarks : []), ...bookmarks];
	return { ...fromExtractor, marks, apply_marks: applyMarks, bookmarks: combined };
}

export function refuseUnredactable(ctx: IExecuteFunctions, itemIndex: number, why: string): never {
	fail(ctx, itemIndex, `Aluma can only redact PDF and TIFF documents; ${why}`, 'Convert the file to PDF first, or send a PDF or TIFF file');
}

/** Redacts a document already known to be PDF or TIFF and returns the redacted PDF as an item. */
export async function runRedact(
	ctx: IExecuteFunctions,
	itemIndex: number,
	documentId: string,
	originalName: string | undefined,
	options: ProcessingOptions,
	plan: RedactPlan,
): Promise<INodeExecutionData> {
	const request = await buildRequest(ctx, itemIndex, documentId, options, plan);
	const fileName = deriveFileName(originalName ?? documentId, '-redacted', 'pdf');
	const field = (ctx.getNodeParameter('outputBinaryField', itemIndex, 'data') as string) || 'data';
	const pdf = await redactDocument(ctx, documentId, request, fileName, stepCall(itemIndex, options));
	return {
		json: { documentId, fileName, marks: request.marks.length, applied: request.apply_marks !== false },
		binary: { [field]: pdf.binary },
	};
}
