/**
 * Document → Extract (a document already in Aluma) and Extract From File (upload, extract, delete)
 * in n8n's engine against the fake Aluma server, with the seeded extractor "aluma.invoices.gb":
 * Simplified, Raw and Selected Fields output, table rows split into items, and Aluma's older
 * field names (`legacyFieldNames`).
 *
 * Run: npx jest test/workflow/document/extract.test.ts
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiCalls, byName, expectSuccess, failureOf, fileItem, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { documentParams, withDocuments } from '../../support/documents';

const aluma = useFakeAluma();

const INVOICE_EXTRACTOR = byName('aluma.invoices.gb');

const LINE_ITEMS = [
	{ Description: 'Copier paper A4 (box of 5)', Quantity: 2, 'Unit Price': 25, Amount: 50 },
	{ Description: 'Toner cartridge', Quantity: 1, 'Unit Price': 50, Amount: 50 },
];

const INVOICE_FIELDS = {
	'Invoice Number': 'INV-1001',
	'Invoice Date': '2026-11-02',
	'Supplier Name': 'ACME Supplies Ltd',
	'Net Total': 100,
	'Tax Total': 20,
	'Gross Total': 120,
	'Line Items': LINE_ITEMS,
	rejectedFields: [],
};

const extract = (documentId: string, parameters: IDataObject = {}) =>
	documentParams('extract', { documentId, extractor: INVOICE_EXTRACTOR, ...parameters });

describe('Extract', () => {
	it('returns one key per field and the rejected fields (Simplified, the default)', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: extract(id) });

			expect(jsonOf(result)).toEqual([{ documentId: id, extractor: 'aluma.invoices.gb', ...INVOICE_FIELDS }]);
			const call = apiCalls(aluma.fake).find((entry) => entry.route.includes('extract'));
			expect(call).toMatchObject({
				method: 'POST',
				path: `/documents/${id}/extract/aluma.invoices.gb`,
				accept: 'application/vnd.waives.resultformats.extractdata+json',
				status: 200,
			});
		});
	});

	it('lists the fields Aluma rejected and why', async () => {
		await withDocuments(aluma, ['letter.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: extract(id) });

			const [json] = jsonOf(result);
			expect(json['Invoice Number']).toBeNull();
			expect(json.rejectedFields).toEqual(
				['Invoice Number', 'Invoice Date', 'Supplier Name', 'Net Total', 'Tax Total', 'Gross Total', 'Line Items'].map((field) => ({
					field,
					reason: 'Empty',
				})),
			);
		});
	});

	it("returns Aluma's full field results with Raw", async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: extract(id, { extractOutput: 'raw' }) });

			const [json] = jsonOf(result);
			expect(Object.keys(json).sort()).toEqual(['document', 'documentId', 'extractor', 'field_results']);
			const fields = json.field_results as IDataObject[];
			expect(fields.map((field) => field.field_name)).toEqual(Object.keys(INVOICE_FIELDS).filter((key) => key !== 'rejectedFields'));
			expect(fields[0]).toMatchObject({
				field_name: 'Invoice Number',
				result: { text: 'INV-1001', areas: [expect.objectContaining({ page_number: 1 })] },
			});
			expect(json.document).toMatchObject({ page_count: 1 });
		});
	});

	it('returns only the fields named with Selected Fields', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({
				parameters: extract(id, { extractOutput: 'selected', fieldsToReturn: ' Invoice Number , Gross Total,,' }),
			});

			expect(jsonOf(result)).toEqual([
				{ documentId: id, extractor: 'aluma.invoices.gb', 'Invoice Number': 'INV-1001', 'Gross Total': 120, rejectedFields: [] },
			]);
		});
	});

	it('keeps only the selected fields among the rejected ones', async () => {
		await withDocuments(aluma, ['letter.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: extract(id, { extractOutput: 'selected', fieldsToReturn: 'Gross Total' }) });

			expect(jsonOf(result)[0].rejectedFields).toEqual([{ field: 'Gross Total', reason: 'Empty' }]);
		});
	});

	it('splits a table field into one item per row, each with the other fields', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: extract(id, { splitTableField: 'Line Items' }) });

			const output = expectSuccess(result);
			const others: IDataObject = { ...INVOICE_FIELDS };
			delete others['Line Items'];
			expect(output.map((item) => item.json)).toEqual([
				{ documentId: id, extractor: 'aluma.invoices.gb', ...others, rowIndex: 0, row: LINE_ITEMS[0] },
				{ documentId: id, extractor: 'aluma.invoices.gb', ...others, rowIndex: 1, row: LINE_ITEMS[1] },
			]);
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		});
	});

	it('splits rows of selected fields too', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({
				parameters: extract(id, { extractOutput: 'selected', fieldsToReturn: 'Invoice Number', splitTableField: 'Line Items' }),
			});

			expect(jsonOf(result).map((json) => [json['Invoice Number'], json.rowIndex, (json.row as IDataObject).Description])).toEqual([
				['INV-1001', 0, 'Copier paper A4 (box of 5)'],
				['INV-1001', 1, 'Toner cartridge'],
			]);
		});
	});

	it('refuses to split a field that is not a table, naming the parameter', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: extract(id, { splitTableField: 'Gross Total' }) });

			const failure = failureOf(result);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(failure.message).toBe('The extractor has no table field "Gross Total" (parameter "Split Table Rows Into Items")');
			expect(failure.itemIndex).toBe(0);
		});
	});

	describe("with Aluma's older field names", () => {
		beforeEach(() => {
			aluma.fake.setConfig({ legacyFieldNames: true });
		});

		it('returns the same simplified result', async () => {
			await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
				const result = await aluma.run({ parameters: extract(id) });

				expect(jsonOf(result)).toEqual([{ documentId: id, extractor: 'aluma.invoices.gb', ...INVOICE_FIELDS }]);
			});
		});

		it('splits table rows the same way', async () => {
			await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
				const result = await aluma.run({ parameters: extract(id, { splitTableField: 'Line Items' }) });

				expect(jsonOf(result).map((json) => json.row)).toEqual(LINE_ITEMS);
			});
		});

		it("passes Aluma's older names through with Raw", async () => {
			await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
				const result = await aluma.run({ parameters: extract(id, { extractOutput: 'raw' }) });

				const [json] = jsonOf(result);
				expect(json.page_sizes).toMatchObject({ page_count: 1 });
				expect(json.document).toBeUndefined();
				expect((json.field_results as IDataObject[])[0]).toHaveProperty('alternative_results');
			});
		});
	});
});

describe('Extract From File', () => {
	it.each(['memory', 'filesystem'] as const)('extracts from each file and deletes its document (%s binary mode)', async (binaryMode) => {
		const result = await aluma.run({
			parameters: documentParams('extractFromFile', { extractor: INVOICE_EXTRACTOR }),
			items: [fileItem('invoice.pdf'), fileItem('letter.pdf')],
			binaryMode,
		});

		const output = expectSuccess(result);
		expect(output[0].json).toEqual({
			extractor: 'aluma.invoices.gb',
			fileName: 'invoice.pdf',
			fileType: 'PDF:Misc',
			...INVOICE_FIELDS,
		});
		expect(output[1].json).toMatchObject({ fileName: 'letter.pdf', 'Gross Total': null });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const stats = aluma.fake.stats();
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([2, 2]);
	});

	it('keeps the input item\'s fields and file with Keep Source, the result\'s keys taking precedence', async () => {
		const input = fileItem('invoice.pdf');
		const result = await aluma.run({
			parameters: documentParams('extractFromFile', { extractor: INVOICE_EXTRACTOR, options: { keepSource: 'both' } }),
			items: [{ ...input, json: { orderRef: 'A-17', fileName: 'from-input.pdf' } }],
		});

		const [item] = expectSuccess(result);
		expect(item.json).toMatchObject({ orderRef: 'A-17', fileName: 'invoice.pdf', 'Invoice Number': INVOICE_FIELDS['Invoice Number'] });
		expect(item.json.documentId).toBeUndefined();
		expect(Object.keys(item.binary ?? {})).toEqual(['data']);

		const jsonOnly = expectSuccess(
			await aluma.run({ parameters: documentParams('extractFromFile', { extractor: INVOICE_EXTRACTOR, options: { keepSource: 'json' } }), items: [{ ...input, json: { orderRef: 'A-17' } }] }),
		);
		expect(jsonOnly[0].json.orderRef).toBe('A-17');
		expect(jsonOnly[0].binary).toBeUndefined();
	});

	it('splits table rows of every file, each row paired with its file', async () => {
		const result = await aluma.run({
			parameters: documentParams('extractFromFile', {
				extractor: INVOICE_EXTRACTOR,
				extractOutput: 'selected',
				fieldsToReturn: 'Invoice Number',
				splitTableField: 'Line Items',
			}),
			items: [fileItem('invoice.pdf'), fileItem('purchase-order.pdf')],
		});

		const output = expectSuccess(result);
		expect(output.map((item) => [item.json.fileName, item.json.rowIndex, item.pairedItem])).toEqual([
			['invoice.pdf', 0, { item: 0 }],
			['invoice.pdf', 1, { item: 0 }],
			['purchase-order.pdf', 0, { item: 1 }],
		]);
	});
});
