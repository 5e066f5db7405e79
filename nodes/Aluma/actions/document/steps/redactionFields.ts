/** The redact step's fields, shared by "Redact Stored Document" and "Redact File". */
import type { INodeProperties } from 'n8n-workflow';

import type { NumberBounds } from '../../numberParameter';
import { modelLocator } from '../../parameters';
import { outputBinaryField } from '../fields';

export const PAGE: NumberBounds = { min: 1, max: 100_000, integer: true };
/** Points from the page's top-left corner; 14400 pt (200 inches) is the largest page a PDF can have. */
export const POINTS: NumberBounds = { min: 0, max: 14_400 };

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
