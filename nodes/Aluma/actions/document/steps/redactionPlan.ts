/** What to redact, read from the redact step's parameters and checked before any request is made. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RedactionRequest } from '../../../transport/documents';
import type { NumberBounds } from '../../numberParameter';
import { numberValue } from '../../numberParameter';
import { jsonParameter, locatorValue } from '../../parameters';
import { PAGE, POINTS } from './redactionFields';

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
	const request = jsonParameter(ctx, 'redactionJson', itemIndex) as RedactionRequest | undefined;
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
