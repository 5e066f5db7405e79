/**
 * Document → Redact (a document already in Aluma) and Redact File (upload, redact, delete) in n8n's
 * engine against the fake Aluma server: marks from an extractor, marks entered, a JSON redaction
 * request, applied or annotated, bookmarks, and the refusal of files that are not PDF or TIFF.
 *
 * Run: npx jest test/workflow/document/redact.test.ts
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiCalls, byName, expectSuccess, failureOf, fileItem, jsonOf, routesOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { IMPORT_HOST, documentParams, pdfLines, useImportServer, withDocuments } from '../../support/documents';

const aluma = useFakeAluma();

const INVOICE_EXTRACTOR = byName('aluma.invoices.gb');

/** "INV-1001" on the invoice fixture: line 3, characters 16–23, on the fake's 16 pt / 6 pt grid. */
const INVOICE_NUMBER_MARK = { name: 'Invoice number', pageNumber: 1, top: 104, left: 168, bottom: 116, right: 216 };

const REDACTED_BY_EXTRACTOR = [
	'INVOICE',
	'Supplier Name: XXXXXXXXXXXXXXXXX',
	'Invoice Number: XXXXXXXX',
	'Invoice Date: XXXXXXXXXX',
	'Net Total: XXXXXX',
	'Tax Total: XXXXX',
	'Gross Total: XXXXXX',
];

const redact = (documentId: string, parameters: IDataObject = {}) =>
	documentParams('redact', { documentId, redactFrom: 'extractor', extractor: INVOICE_EXTRACTOR, ...parameters });

async function rawPdf(result: Awaited<ReturnType<typeof aluma.run>>, itemIndex = 0): Promise<string> {
	return (await result.binary(result.outputs[0][itemIndex])).toString('latin1');
}

describe('Redact', () => {
	it('blacks out the fields an extractor finds and returns the redacted PDF', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const from = aluma.fake.requests().length;

			const result = await aluma.run({ parameters: redact(id) });

			const [item] = expectSuccess(result);
			expect(item.json).toEqual({ documentId: id, fileName: `${id}-redacted.pdf`, marks: 6, applied: true });
			expect(item.binary?.data).toMatchObject({ fileName: `${id}-redacted.pdf`, mimeType: 'application/pdf' });
			const lines = await pdfLines(result);
			expect(lines).toEqual(expect.arrayContaining(REDACTED_BY_EXTRACTOR));
			expect(lines.join('\n')).not.toContain('INV-1001');
			expect(lines.at(-1)).toBe(
				'Redacted: 6 marks (applied): Invoice Number, Invoice Date, Supplier Name, Net Total, Tax Total, Gross Total',
			);
			expect(apiCalls(aluma.fake, from).map((call) => [call.route, call.contentType, call.accept, call.status])).toEqual([
				['GET /documents/:id', null, 'application/json, text/plain, */*', 200],
				['POST /documents/:id/extract/:extractor', null, 'application/vnd.waives.requestformats.redact+json', 200],
				['POST /documents/:id/redact', 'application/json', 'application/pdf', 200],
			]);
		});
	});

	it('only adds redaction annotations when Apply Marks is off', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: redact(id, { applyMarks: false }) });

			expect(jsonOf(result)[0]).toMatchObject({ marks: 6, applied: false });
			const lines = await pdfLines(result);
			expect(lines).toContain('Invoice Number: INV-1001');
			expect(lines.at(-1)).toMatch(/^Redacted: 6 marks \(not applied\)/);
			expect((await rawPdf(result)).match(/\/Subtype \/Redact/g)).toHaveLength(6);
		});
	});

	it('redacts the areas entered as marks', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({
				parameters: redact(id, { redactFrom: 'marks', marks: { mark: [INVOICE_NUMBER_MARK] } }),
			});

			expect(jsonOf(result)[0]).toMatchObject({ marks: 1, applied: true });
			const lines = await pdfLines(result);
			expect(lines).toContain('Invoice Number: XXXXXXXX');
			expect(lines).toContain('Supplier Name: ACME Supplies Ltd');
			expect(lines.at(-1)).toBe('Redacted: 1 mark (applied): Invoice number');
			expect(routesOf(aluma.fake)).not.toContain('POST /documents/:id/extract/:extractor');
		});
	});

	it('sends a redaction request given as JSON unchanged', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const request = {
				marks: [{ name: 'Reference', area: { top: 104, left: 168, bottom: 116, right: 216, page_number: 1 } }],
				apply_marks: false,
				bookmarks: [{ text: 'Invoice', page_number: 1 }],
			};

			const result = await aluma.run({ parameters: redact(id, { redactFrom: 'json', redactionJson: JSON.stringify(request) }) });

			expect(jsonOf(result)[0]).toMatchObject({ marks: 1, applied: false });
			const pdf = await rawPdf(result);
			expect(pdf).toContain('/Title (Invoice)');
			expect(pdf.match(/\/Subtype \/Redact/g)).toHaveLength(1);
			expect((await pdfLines(result)).at(-1)).toBe('Redacted: 1 mark (not applied): Reference');
		});
	});

	it('adds the bookmarks entered as PDF outlines', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({
				parameters: redact(id, { bookmarks: { bookmark: [{ text: 'Totals', pageNumber: 1 }, { text: 'Supplier', pageNumber: 1 }] } }),
			});

			const pdf = await rawPdf(result);
			expect(pdf).toContain('/Outlines');
			expect(pdf).toContain('/Title (Totals)');
			expect(pdf).toContain('/Title (Supplier)');
		});
	});

	it('from version 1.1, reads the bookmarks from the Options, and ignores a version-1 top-level field there', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({
				typeVersion: 1.1,
				parameters: redact(id, {
					options: { bookmarks: { bookmark: [{ text: 'Totals', pageNumber: 1 }] } },
					bookmarks: { bookmark: [{ text: 'Stale', pageNumber: 1 }] },
				}),
			});

			const pdf = await rawPdf(result);
			expect(pdf).toContain('/Title (Totals)');
			expect(pdf).not.toContain('/Title (Stale)');
		});
	});

	it('redacts a TIFF document', async () => {
		await withDocuments(aluma, ['scan.tiff'], async ([id]) => {
			const result = await aluma.run({
				parameters: redact(id, { redactFrom: 'marks', marks: { mark: [{ pageNumber: 1, top: 72, left: 72, bottom: 84, right: 150 }] } }),
			});

			expect((await pdfLines(result))[0]).toMatch(/^X{13}[0-9a-f]{8}$/);
		});
	});

	it('refuses a document that is not a PDF or TIFF before the redact call', async () => {
		await withDocuments(aluma, ['photo.png'], async ([id]) => {
			const from = aluma.fake.requests().length;

			const result = await aluma.run({ parameters: redact(id) });

			const failure = failureOf(result);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(failure.message).toBe('Aluma can only redact PDF and TIFF documents; this one is of type Image:PNG');
			expect(failure.itemIndex).toBe(0);
			expect(routesOf(aluma.fake, from)).toEqual(['GET /documents/:id']);
		});
	});

	it.each([
		['no marks', { marks: { mark: [] } }, 'No marks entered (parameter "Marks")'],
		[
			'a mark whose bottom is above its top',
			{ marks: { mark: [{ ...INVOICE_NUMBER_MARK, bottom: 90 }] } },
			'Mark 1 is not a valid area (parameter "Marks")',
		],
		[
			'a mark on page 0',
			{ marks: { mark: [{ ...INVOICE_NUMBER_MARK, pageNumber: 0 }] } },
			'The parameter "Marks > Mark 1 > Page Number" must be a whole number from 1 to 100000 (got 0)',
		],
	])('refuses %s before the redact call', async (_, parameters, message) => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: redact(id, { redactFrom: 'marks', ...parameters }) });

			const failure = failureOf(result);
			expect(failure.message).toBe(message);
			expect(failure.itemIndex).toBe(0);
			expect(routesOf(aluma.fake)).not.toContain('POST /documents/:id/redact');
		});
	});

	it('refuses a redaction request without a marks array before the redact call', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: redact(id, { redactFrom: 'json', redactionJson: '{"apply_marks": true}' }) });

			expect(failureOf(result).message).toBe('The parameter "Redaction Request" is not a valid redaction request');
			expect(routesOf(aluma.fake)).not.toContain('POST /documents/:id/redact');
		});
	});

	it("shows Aluma's explanation when it refuses the marks", async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({
				parameters: redact(id, { redactFrom: 'marks', marks: { mark: [{ ...INVOICE_NUMBER_MARK, pageNumber: 3 }] } }),
			});

			const failure = failureOf(result);
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(failure.httpCode).toBe('422');
			expect(failure.message).toBe(
				'Aluma could not process the request to redact the document: marks[0].area.page_number must be between 1 and 1.',
			);
		});
	});
});

describe('Redact File', () => {
	it.each(['memory', 'filesystem'] as const)('redacts each file and deletes its document (%s binary mode)', async (binaryMode) => {
		const result = await aluma.run({
			parameters: documentParams('redactFile', { redactFrom: 'extractor', extractor: INVOICE_EXTRACTOR, outputBinaryField: 'redacted' }),
			items: [fileItem('invoice.pdf'), fileItem('scan.tiff')],
			binaryMode,
		});

		const output = expectSuccess(result);
		expect(output.map((item) => item.json)).toEqual([
			{ fileName: 'invoice-redacted.pdf', fileType: 'PDF:Misc', marks: 6, applied: true },
			{ fileName: 'scan-redacted.pdf', fileType: 'Image:TIFF', marks: 0, applied: true },
		]);
		expect(output[0].binary?.redacted).toMatchObject({ fileName: 'invoice-redacted.pdf', mimeType: 'application/pdf' });
		expect(await pdfLines(result, 0, 'redacted')).toEqual(expect.arrayContaining(REDACTED_BY_EXTRACTOR));
		const stats = aluma.fake.stats();
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([2, 2]);
	});

	it.each(['memory', 'filesystem'] as const)(
		'decides by the bytes, not the label: a real PDF and TIFF labelled application/octet-stream are redacted (%s binary mode)',
		async (binaryMode) => {
			const result = await aluma.run({
				parameters: documentParams('redactFile', { redactFrom: 'marks', marks: { mark: [INVOICE_NUMBER_MARK] } }),
				items: [fileItem('invoice.pdf', { mimeType: 'application/octet-stream' }), fileItem('scan.tiff', { mimeType: 'application/octet-stream' })],
				binaryMode,
			});

			expect(expectSuccess(result).map((item) => item.json)).toEqual([
				{ fileName: 'invoice-redacted.pdf', fileType: 'PDF:Misc', marks: 1, applied: true },
				{ fileName: 'scan-redacted.pdf', fileType: 'Image:TIFF', marks: 1, applied: true },
			]);
			expect(await pdfLines(result)).toContain('Invoice Number: XXXXXXXX');
			expect(routesOf(aluma.fake).filter((route) => route === 'POST /documents/:id/redact')).toHaveLength(2);
		},
	);

	it.each([
		['photo.png', 'image/png', 'memory'],
		['notes.txt', 'text/plain', 'memory'],
		['photo.png', 'application/pdf', 'memory'],
		['notes.txt', 'application/pdf', 'filesystem'],
		['photo.png', 'image/tiff', 'filesystem'],
	] as const)('refuses %s labelled %s before uploading it (%s binary mode)', async (name, mimeType, binaryMode) => {
		const result = await aluma.run({
			parameters: documentParams('redactFile', { redactFrom: 'extractor', extractor: INVOICE_EXTRACTOR }),
			items: [fileItem(name, { mimeType })],
			binaryMode,
		});

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe(`Aluma can only redact PDF and TIFF documents; the content of "${name}" is neither (its MIME type says ${mimeType})`);
		expect(failure.itemIndex).toBe(0);
		expect(aluma.fake.requests()).toEqual([]);
	});

	describe('from a URL', () => {
		useImportServer(aluma);

		it('redacts a PDF that Aluma downloads', async () => {
			const result = await aluma.run({
				parameters: documentParams('redactFile', {
					source: 'url',
					url: `https://${IMPORT_HOST}/invoice.pdf`,
					redactFrom: 'marks',
					marks: { mark: [INVOICE_NUMBER_MARK] },
				}),
			});

			expect(jsonOf(result)[0]).toMatchObject({ fileName: 'invoice-redacted.pdf', fileType: 'PDF:Misc', marks: 1 });
			expect(await pdfLines(result)).toContain('Invoice Number: XXXXXXXX');
		});

		it('refuses a downloaded file that is not a PDF or TIFF before the redact call, and deletes it', async () => {
			const result = await aluma.run({
				parameters: documentParams('redactFile', {
					source: 'url',
					url: `https://${IMPORT_HOST}/photo.png`,
					redactFrom: 'marks',
					marks: { mark: [INVOICE_NUMBER_MARK] },
				}),
			});

			expect(failureOf(result).message).toBe('Aluma can only redact PDF and TIFF documents; this one is of type Image:PNG');
			expect(routesOf(aluma.fake)).toEqual(['POST /oauth/token', 'POST /documents', 'DELETE /documents/:id']);
		});
	});
});
