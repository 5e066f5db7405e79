/**
 * Contract of table fields read defensively: whatever shape Aluma gives `tabular_results` (cell
 * objects with `text`/`value`, plain string cells named by a column list, rows that are lists or
 * objects keyed by column), "Split Table Rows Into Items" hands on one item per row with plain
 * values. nock answers the extract request; no other network.
 *
 * Run: npx jest test/contract/tables.test.ts
 */
import type { IDataObject } from 'n8n-workflow';

import { byName, expectSuccess } from '../support/fakeAlumaWorkflow';
import { BEARER, aluma, useNock } from '../support/contract';

const contract = useNock();

const DOC_ID = 'X9wK2AgWkk-m7e4f9oD5ew';
const EXTRACT_PATH = `/documents/${DOC_ID}/extract/aluma.invoices.gb`;

const extraction = (tabular: unknown): IDataObject => ({
	field_results: [
		{ field_name: 'Invoice Number', rejected: false, reject_reason: 'None', result: { text: 'INV-7', value: null }, alternatives: null, tabular_results: null },
		{ field_name: 'Line Items', rejected: false, reject_reason: 'None', result: null, alternatives: null, tabular_results: tabular },
	],
	document: { page_count: 1, pages: [{ page_number: 1, width: 595, height: 842 }] },
});

const splitRows = {
	resource: 'document',
	operation: 'extract',
	documentId: DOC_ID,
	extractor: byName('aluma.invoices.gb'),
	splitTableField: 'Line Items',
};

const PLAIN_ROWS = [
	{ Description: 'Paper', Amount: '2.00' },
	{ Description: 'Ink', Amount: '3.50' },
];

describe('Extract → Split Table Rows Into Items', () => {
	it.each([
		['cell objects with text', { rows: [{ cells: [{ column_name: 'Description', text: 'Paper' }, { column_name: 'Amount', text: '2.00' }] }, { cells: [{ column_name: 'Description', text: 'Ink' }, { column_name: 'Amount', text: '3.50' }] }] }],
		['cell objects with value', { rows: [{ cells: [{ column_name: 'Description', value: 'Paper' }, { column_name: 'Amount', value: '2.00' }] }, { cells: [{ column_name: 'Description', value: 'Ink' }, { column_name: 'Amount', value: '3.50' }] }] }],
		['plain string cells and a column list', { columns: ['Description', 'Amount'], rows: [{ cells: ['Paper', '2.00'] }, { cells: ['Ink', '3.50'] }] }],
		['rows that are lists of strings', { columns: ['Description', 'Amount'], rows: [['Paper', '2.00'], ['Ink', '3.50']] }],
		['rows keyed by column with cell objects', [{ Description: { text: 'Paper' }, Amount: { text: '2.00' } }, { Description: { text: 'Ink' }, Amount: { text: '3.50' } }]],
	])('gives plain values for %s', async (_, tabular) => {
		const scope = aluma()
			.post(EXTRACT_PATH)
			.matchHeader('authorization', BEARER)
			.matchHeader('accept', 'application/vnd.waives.resultformats.extractdata+json')
			.reply(200, extraction(tabular));

		const output = expectSuccess(await contract.run({ parameters: splitRows }));

		expect(output.map((item) => item.json)).toEqual(
			PLAIN_ROWS.map((row, rowIndex) => ({ documentId: DOC_ID, extractor: 'aluma.invoices.gb', 'Invoice Number': 'INV-7', rejectedFields: [], rowIndex, row })),
		);
		scope.done();
	});

	it('keeps the typed value over the text when a cell has both', async () => {
		const scope = aluma()
			.post(EXTRACT_PATH)
			.reply(200, extraction({ rows: [{ cells: [{ column_name: 'Amount', text: '2.00', value: 2 }] }] }));

		const output = expectSuccess(await contract.run({ parameters: splitRows }));

		expect(output.map((item) => item.json.row)).toEqual([{ Amount: 2 }]);
		scope.done();
	});
});
