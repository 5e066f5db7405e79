/**
 * Document → Classify and Extract in n8n's engine against the fake Aluma server: the extractor
 * mapped to each document type, the fallback extractor, every "When Aluma Is Not Confident" choice
 * (with the AMBIGUOUS fixture, which the fake never classifies confidently) and the optional
 * redacted PDF.
 *
 * Run: npx jest test/workflow/document/classify-and-extract.test.ts
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiCalls, byName, expectSuccess, failureOf, fileItem, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { documentParams, pdfLines } from '../../support/documents';

const aluma = useFakeAluma();

/** Creates an extractor from modules with the node's API Request operation. */
async function createExtractor(name: string, moduleIds: string[]): Promise<void> {
	const result = await aluma.run({
		parameters: {
			resource: 'apiRequest',
			operation: 'send',
			method: 'POST',
			path: `/extractors/${name}`,
			bodyType: 'json',
			jsonBody: JSON.stringify({ modules: moduleIds.map((id) => ({ id, arguments: {} })) }),
			responseFormat: 'json',
		},
	});
	expectSuccess(result);
}

beforeEach(async () => {
	await createExtractor('po-numbers', ['aluma.purchase_order']);
	await createExtractor('contacts', ['aluma.email_address', 'aluma.name']);
});

const MAPPING = {
	mapping: [
		{ documentType: 'Invoice', extractor: 'aluma.invoices.gb' },
		// Matched without regard to case or surrounding spaces.
		{ documentType: ' purchase order ', extractor: 'po-numbers' },
	],
};

const classifyAndExtract = (parameters: INodeParameters = {}): INodeParameters =>
	documentParams('classifyAndExtract', { classifier: byName('mailroom'), extractorMapping: MAPPING, ...parameters });

/** Extract calls made, as [document type asked for, Accept]. */
const extractCalls = () =>
	apiCalls(aluma.fake)
		.filter((call) => call.route === 'POST /documents/:id/extract/:extractor')
		.map((call) => [call.path.split('/').pop(), call.accept]);

describe('Classify and Extract', () => {
	it('runs the extractor mapped to each document type, and skips types without one', async () => {
		const result = await aluma.run({
			parameters: classifyAndExtract({ extractOutput: 'selected', fieldsToReturn: 'Invoice Number, Gross Total, Purchase Order Number' }),
			items: [fileItem('invoice.pdf'), fileItem('purchase-order.pdf'), fileItem('letter.pdf')],
		});

		const output = expectSuccess(result);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({
			fileName: 'invoice.pdf',
			fileType: 'PDF:Misc',
			classifier: 'mailroom',
			documentType: 'Invoice',
			isConfident: true,
			relativeConfidence: expect.any(Number),
			topScores: expect.any(Array),
			extractor: 'aluma.invoices.gb',
			'Invoice Number': 'INV-1001',
			'Gross Total': 120,
			rejectedFields: [],
		});
		expect(output[1].json).toMatchObject({
			documentType: 'Purchase Order',
			extractor: 'po-numbers',
			'Purchase Order Number': 'PO-2001',
		});
		expect(output[2].json).toMatchObject({
			fileName: 'letter.pdf',
			documentType: 'Letter',
			extractor: null,
			extractionSkipped: 'No extractor is mapped to the document type "Letter"',
		});
		expect(extractCalls()).toEqual([
			['aluma.invoices.gb', 'application/vnd.waives.resultformats.extractdata+json'],
			['po-numbers', 'application/vnd.waives.resultformats.extractdata+json'],
		]);
		const stats = aluma.fake.stats();
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([3, 3]);
	});

	it('runs the fallback extractor for document types without a mapping', async () => {
		const result = await aluma.run({
			parameters: classifyAndExtract({ fallbackExtractor: 'contacts' }),
			items: [fileItem('letter.pdf'), fileItem('invoice.pdf')],
		});

		const [letter, invoice] = jsonOf(result);
		expect(letter).toMatchObject({
			documentType: 'Letter',
			extractor: 'contacts',
			Email: 'jane.smith@example.com',
			Name: 'Jane Smith',
			rejectedFields: [],
		});
		expect(invoice).toMatchObject({ documentType: 'Invoice', extractor: 'aluma.invoices.gb', 'Invoice Number': 'INV-1001' });
	});

	it('reads the extractors from pickers (From list or By Name) as well as from plain names saved by older workflows', async () => {
		const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
		const mapping = { mapping: [{ documentType: 'Invoice', extractor: fromList('aluma.invoices.gb') }] };
		const result = await aluma.run({
			parameters: classifyAndExtract({ extractorMapping: mapping, fallbackExtractor: byName('contacts') }),
			items: [fileItem('invoice.pdf'), fileItem('letter.pdf')],
		});

		const [invoice, letter] = jsonOf(result);
		expect(invoice).toMatchObject({ documentType: 'Invoice', extractor: 'aluma.invoices.gb', 'Invoice Number': 'INV-1001' });
		expect(letter).toMatchObject({ documentType: 'Letter', extractor: 'contacts', Name: 'Jane Smith' });
	});

	it('skips extraction when the fallback picker is left empty', async () => {
		const result = await aluma.run({
			parameters: classifyAndExtract({ fallbackExtractor: { __rl: true, mode: 'list', value: '' } }),
			items: [fileItem('letter.pdf')],
		});

		expect(jsonOf(result)).toEqual([expect.objectContaining({ documentType: 'Letter', extractor: null, extractionSkipped: 'No extractor is mapped to the document type "Letter"' })]);
		expect(extractCalls()).toEqual([]);
	});

	describe('when Aluma is not confident', () => {
		it('skips extraction by default and outputs the classification', async () => {
			const result = await aluma.run({ parameters: classifyAndExtract({ fallbackExtractor: 'contacts' }), items: [fileItem('ambiguous.pdf')] });

			expect(jsonOf(result)).toEqual([
				expect.objectContaining({
					fileName: 'ambiguous.pdf',
					documentType: 'Invoice',
					isConfident: false,
					extractor: null,
					extractionSkipped: 'Aluma is not confident about the document type',
				}),
			]);
			expect(extractCalls()).toEqual([]);
		});

		it('fails the item, naming it, with "Fail the Item"', async () => {
			const result = await aluma.run({
				parameters: classifyAndExtract({ whenNotConfident: 'fail' }),
				items: [fileItem('invoice.pdf'), fileItem('ambiguous.pdf')],
			});

			const failure = failureOf(result);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(failure.message).toBe('Aluma is not confident about the document type (best guess: Invoice)');
			expect(failure.description).toMatch(/When Aluma Is Not Confident/);
			expect(failure.itemIndex).toBe(1);
		});

		it('keeps the other items when "Fail the Item" meets Continue On Fail', async () => {
			const result = await aluma.run({
				parameters: classifyAndExtract({ whenNotConfident: 'fail' }),
				items: [fileItem('ambiguous.pdf'), fileItem('invoice.pdf')],
				continueOnFail: true,
			});

			const output = expectSuccess(result);
			expect(output[0]).toEqual({
				json: expect.objectContaining({ error: 'Aluma is not confident about the document type (best guess: Invoice)' }),
				pairedItem: { item: 0 },
			});
			expect(output[1].json).toMatchObject({ 'Invoice Number': 'INV-1001' });
		});

		it('uses the fallback extractor with "Use the Fallback Extractor"', async () => {
			const result = await aluma.run({
				parameters: classifyAndExtract({ whenNotConfident: 'fallback', fallbackExtractor: 'contacts' }),
				items: [fileItem('ambiguous.pdf')],
			});

			expect(jsonOf(result)[0]).toMatchObject({
				documentType: 'Invoice',
				isConfident: false,
				extractor: 'contacts',
				rejectedFields: [
					{ field: 'Email', reason: 'Empty' },
					{ field: 'Name', reason: 'Empty' },
				],
			});
			expect(extractCalls().map(([name]) => name)).toEqual(['contacts']);
		});

		it('skips extraction with "Use the Fallback Extractor" when no fallback is set', async () => {
			const result = await aluma.run({ parameters: classifyAndExtract({ whenNotConfident: 'fallback' }), items: [fileItem('ambiguous.pdf')] });

			expect(jsonOf(result)[0]).toMatchObject({
				extractor: null,
				extractionSkipped: 'Aluma is not confident and no fallback extractor is set',
			});
			expect(extractCalls()).toEqual([]);
		});

		it('runs the extractor mapped to the best guess with "Extract Anyway"', async () => {
			const result = await aluma.run({
				parameters: classifyAndExtract({ whenNotConfident: 'extract', fallbackExtractor: 'contacts' }),
				items: [fileItem('ambiguous.pdf')],
			});

			expect(jsonOf(result)[0]).toMatchObject({ documentType: 'Invoice', isConfident: false, extractor: 'aluma.invoices.gb' });
			expect(extractCalls().map(([name]) => name)).toEqual(['aluma.invoices.gb']);
		});
	});

	describe('with Redact Too', () => {
		it('adds the PDF with the extracted fields blacked out', async () => {
			const result = await aluma.run({
				parameters: classifyAndExtract({ alsoRedact: true, outputBinaryField: 'redacted' }),
				items: [fileItem('invoice.pdf')],
			});

			const [item] = expectSuccess(result);
			expect(item.json).toMatchObject({ extractor: 'aluma.invoices.gb', 'Invoice Number': 'INV-1001' });
			expect(item.binary?.redacted).toMatchObject({ fileName: 'invoice-redacted.pdf', mimeType: 'application/pdf' });
			const lines = await pdfLines(result, 0, 'redacted');
			expect(lines).toContain('Invoice Number: XXXXXXXX');
			expect(lines.at(-1)).toMatch(/^Redacted: 6 marks \(applied\)/);
			expect(extractCalls()).toEqual([
				['aluma.invoices.gb', 'application/vnd.waives.resultformats.extractdata+json'],
				['aluma.invoices.gb', 'application/vnd.waives.requestformats.redact+json'],
			]);
			expect(apiCalls(aluma.fake).filter((call) => call.route === 'POST /documents/:id/redact')).toHaveLength(1);
		});

		it('attaches the redacted PDF to every row when table rows are split', async () => {
			const result = await aluma.run({
				parameters: classifyAndExtract({ alsoRedact: true, splitTableField: 'Line Items' }),
				items: [fileItem('invoice.pdf')],
			});

			const output = expectSuccess(result);
			expect(output.map((item) => [item.json.rowIndex, (item.json.row as IDataObject).Description, item.binary?.data?.fileName])).toEqual([
				[0, 'Copier paper A4 (box of 5)', 'invoice-redacted.pdf'],
				[1, 'Toner cartridge', 'invoice-redacted.pdf'],
			]);
		});

		it('says redaction was skipped for a file that is not a PDF or TIFF', async () => {
			const result = await aluma.run({
				parameters: classifyAndExtract({ alsoRedact: true, fallbackExtractor: 'contacts' }),
				items: [fileItem('notes.txt')],
			});

			const [item] = expectSuccess(result);
			expect(item.json).toMatchObject({
				fileType: 'Text:Plain',
				extractor: 'contacts',
				redactionSkipped: 'Only PDF and TIFF documents can be redacted',
			});
			expect(item.binary).toBeUndefined();
			expect(apiCalls(aluma.fake).some((call) => call.route === 'POST /documents/:id/redact')).toBe(false);
		});
	});

	it.each(['memory', 'filesystem'] as const)('uploads each file once and deletes it (%s binary mode)', async (binaryMode) => {
		const result = await aluma.run({
			parameters: classifyAndExtract({ fallbackExtractor: 'contacts' }),
			items: [fileItem('invoice.pdf'), fileItem('scan.tiff'), fileItem('letter.pdf')],
			binaryMode,
		});

		expect(jsonOf(result).map((json) => [json.fileName, json.documentType, json.extractor])).toEqual([
			['invoice.pdf', 'Invoice', 'aluma.invoices.gb'],
			['scan.tiff', 'Letter', 'contacts'],
			['letter.pdf', 'Letter', 'contacts'],
		]);
		const stats = aluma.fake.stats();
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([3, 3]);
	});
});
