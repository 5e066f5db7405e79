/**
 * "Split Table Rows Into Items" against the fake Aluma server in both table shapes it can answer
 * (Aluma's `tabular_results` layout is undocumented): cell objects with text and value, or plain
 * strings named by a column list. Either way each row item carries plain values.
 *
 * Run: npx jest test/workflow/document/tables.test.ts
 */
import { byName, expectSuccess, failureOf, fileItem, useFakeAluma } from '../support/aluma';
import { documentParams } from '../support/documents';

const aluma = useFakeAluma();

const splitLineItems = documentParams('extractFromFile', {
	extractor: byName('aluma.invoices.gb'),
	extractOutput: 'selected',
	fieldsToReturn: 'Invoice Number',
	splitTableField: 'Line Items',
});

describe('Extract From File → Split Table Rows Into Items', () => {
	it('gives the typed values of cell objects', async () => {
		const output = expectSuccess(await aluma.run({ parameters: splitLineItems, items: [fileItem('invoice.pdf')] }));

		expect(output.map((item) => item.json.row)).toEqual([
			{ Description: 'Copier paper A4 (box of 5)', Quantity: 2, 'Unit Price': 25, Amount: 50 },
			{ Description: 'Toner cartridge', Quantity: 1, 'Unit Price': 50, Amount: 50 },
		]);
	});

	it('splits the rows of a field picked in the list (node version 1.1) as of one named in plain text (version 1)', async () => {
		const picked = { ...splitLineItems, splitTableField: { __rl: true, mode: 'list', value: 'Line Items' } };
		const byLocator = expectSuccess(await aluma.run({ parameters: picked, items: [fileItem('invoice.pdf')] }));
		const byText = expectSuccess(await aluma.run({ parameters: splitLineItems, items: [fileItem('invoice.pdf')] }));

		expect(byLocator.map((item) => item.json)).toEqual(byText.map((item) => item.json));
		expect(byLocator).toHaveLength(2);
	});

	it('refuses a field chosen By Name that is not a table, as before', async () => {
		const picked = { ...splitLineItems, splitTableField: byName('Gross Total') };
		const result = await aluma.run({ parameters: picked, items: [fileItem('invoice.pdf')] });

		expect(failureOf(result)).toMatchObject({ message: 'The extractor has no table field "Gross Total" (parameter "Split Table Rows Into Items")', itemIndex: 0 });
	});

	it('gives the text of plain string cells, under the column names Aluma lists', async () => {
		aluma.fake.setConfig({ tableCells: 'strings' });

		const output = expectSuccess(await aluma.run({ parameters: splitLineItems, items: [fileItem('invoice.pdf')] }));

		expect(output.map((item) => item.json)).toEqual([
			expect.objectContaining({ 'Invoice Number': 'INV-1001', rowIndex: 0, row: { Description: 'Copier paper A4 (box of 5)', Quantity: '2', 'Unit Price': '25.00', Amount: '50.00' } }),
			expect.objectContaining({ 'Invoice Number': 'INV-1001', rowIndex: 1, row: { Description: 'Toner cartridge', Quantity: '1', 'Unit Price': '50.00', Amount: '50.00' } }),
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});
});
