import type { IDataObject } from 'n8n-workflow';

import { readExtraction, simplifyClassification, simplifyExtraction, tableRows } from '../../../nodes/Aluma/helpers/simplify';

const classification = {
	document_id: 'doc1',
	classification_results: {
		document_type: 'Assignment of Deed of Trust',
		relative_confidence: 2.855,
		is_confident: true,
		document_type_scores: [
			{ document_type: 'Notice of Default', score: 32.94312 },
			{ document_type: 'Assignment of Deed of Trust', score: 61.4187 },
			{ document_type: 'Letter', score: 5 },
			{ document_type: 'Other', score: 1 },
		],
	},
};

describe('simplifyClassification', () => {
	it('keeps the type, the confidence and the top scores in order', () => {
		expect(simplifyClassification(classification)).toEqual({
			documentType: 'Assignment of Deed of Trust',
			isConfident: true,
			relativeConfidence: 2.855,
			topScores: [
				{ documentType: 'Assignment of Deed of Trust', score: 61.4187 },
				{ documentType: 'Notice of Default', score: 32.94312 },
				{ documentType: 'Letter', score: 5 },
			],
		});
	});

	it('tolerates missing parts', () => {
		expect(simplifyClassification({})).toEqual({ documentType: null, isConfident: false, relativeConfidence: null, topScores: [] });
	});
});

const field = (name: string, result: object | null, extra: object = {}) => ({
	field_name: name,
	rejected: false,
	reject_reason: 'None',
	result,
	alternatives: null,
	tabular_results: null,
	...extra,
});

const extraction = {
	field_results: [
		field('Amount', { text: '$5.50', value: 5.5, rejected: false, reject_reason: 'None', areas: [] }),
		field('Reference', { text: 'ABC-1', value: null }),
		field('Due Date', null, { rejected: true, reject_reason: 'Empty' }),
		field('Line Items', null, {
			tabular_results: {
				rows: [
					{ cells: [{ column_name: 'Description', text: 'Paper' }, { column_name: 'Amount', text: '2.00', value: 2 }] },
					{ cells: [{ column_name: 'Description', text: 'Ink' }, { column_name: 'Amount', text: '3.50', value: 3.5 }] },
				],
			},
		}),
	],
	document: { page_count: 1, pages: [{ page_number: 1, width: 611, height: 1008 }] },
};

describe('simplifyExtraction', () => {
	it('gives one key per field (typed value first, else text) and lists rejected fields with reasons', () => {
		expect(simplifyExtraction(extraction)).toEqual({
			Amount: 5.5,
			Reference: 'ABC-1',
			'Due Date': null,
			'Line Items': [
				{ Description: 'Paper', Amount: 2 },
				{ Description: 'Ink', Amount: 3.5 },
			],
			rejectedFields: [{ field: 'Due Date', reason: 'Empty' }],
		});
	});

	it('returns only the selected fields', () => {
		expect(simplifyExtraction(extraction, ['Amount', 'Due Date'])).toEqual({
			Amount: 5.5,
			'Due Date': null,
			rejectedFields: [{ field: 'Due Date', reason: 'Empty' }],
		});
	});

	it('reads the older page_sizes name and plain-object table rows', () => {
		const legacy = { field_results: [field('T', null, { tabular_results: [{ a: 1 }, { a: 2 }] })], page_sizes: { page_count: 3 } };
		const view = readExtraction(legacy);
		expect(view.pageCount).toBe(3);
		expect(view.tables.T).toEqual([{ a: 1 }, { a: 2 }]);
		expect(tableRows({ tabular_results: null })).toEqual([]);
	});
});

describe('tableRows', () => {
	const table = (tabular_results: unknown) => ({ field_name: 'Line Items', tabular_results }) as IDataObject;
	const plain = [
		{ Description: 'Paper', Amount: '2.00' },
		{ Description: 'Ink', Amount: '3.50' },
	];

	it('reads cells given as plain strings, named by the column list beside the rows', () => {
		expect(tableRows(table({ columns: ['Description', 'Amount'], rows: [{ cells: ['Paper', '2.00'] }, { cells: ['Ink', '3.50'] }] }))).toEqual(plain);
	});

	it('reads column lists of objects and under the other names', () => {
		expect(tableRows(table({ column_names: ['Description', 'Amount'], rows: [{ cells: ['Paper', '2.00'] }] }))).toEqual([plain[0]]);
		expect(tableRows(table({ headers: [{ name: 'Description' }, { column_name: 'Amount' }], rows: [['Paper', '2.00']] }))).toEqual([plain[0]]);
	});

	it('reads rows that are lists of cells, naming unnamed columns by position', () => {
		expect(tableRows(table({ rows: [['Paper', 2]] }))).toEqual([{ column1: 'Paper', column2: 2 }]);
		expect(tableRows(table([['Paper', { text: '2.00' }]]))).toEqual([{ column1: 'Paper', column2: '2.00' }]);
	});

	it('reads cell objects by value, else text, and keeps missing ones as null', () => {
		const cells = [{ column_name: 'Description', text: 'Paper' }, { column_name: 'Amount', text: '2.00', value: 2 }, { column_name: 'Note' }];
		expect(tableRows(table({ rows: [{ cells }] }))).toEqual([{ Description: 'Paper', Amount: 2, Note: null }]);
	});

	it('gives plain values for rows keyed by column whose cells are objects', () => {
		expect(tableRows(table([{ Description: { text: 'Paper' }, Amount: { text: '2.00', value: 2 }, Code: 'P1' }]))).toEqual([
			{ Description: 'Paper', Amount: 2, Code: 'P1' },
		]);
	});

	it('skips rows that are neither objects nor lists, and an empty cell list is an empty row', () => {
		expect(tableRows(table({ rows: ['junk', null, 3, { cells: [] }] }))).toEqual([{}]);
		expect(tableRows(table({ rows: 'not a list' }))).toEqual([]);
	});
});
