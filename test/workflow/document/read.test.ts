/**
 * Document → Read (a document already in Aluma), Get Read Result (an earlier read in another
 * format) and Read File (upload, read, delete) in n8n's engine against the fake Aluma server:
 * text, searchable PDF and the read-result zip.
 *
 * Run: npx jest test/workflow/document/read.test.ts
 */
import type { IDataObject } from 'n8n-workflow';

import { apiCalls, expectSuccess, failureOf, fileItem, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { documentParams, pdfLines, withDocuments, zipEntries } from '../../support/documents';

const aluma = useFakeAluma();

const INVOICE_TEXT_LINES = ['INVOICE', 'Invoice Number: INV-1001', 'Gross Total: 120.00'];

describe('Read', () => {
	it('returns the recognised text in the field "text"', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: documentParams('read', { documentId: id, readOutput: 'text' }) });

			const [json] = jsonOf(result);
			expect(Object.keys(json)).toEqual(['documentId', 'text']);
			expect(json.documentId).toBe(id);
			expect(String(json.text).split('\n')).toEqual(expect.arrayContaining(INVOICE_TEXT_LINES));
			expect(apiCalls(aluma.fake).slice(1, 3).map((call) => [call.route, call.accept])).toEqual([
				['PUT /documents/:id/reads', 'application/json, text/plain, */*'],
				['GET /documents/:id/reads', 'text/plain'],
			]);
		});
	});

	it('returns the OCR text of a scan', async () => {
		await withDocuments(aluma, ['scan.tiff'], async ([id]) => {
			const result = await aluma.run({ parameters: documentParams('read', { documentId: id }) });

			expect(jsonOf(result)[0].text).toMatch(/^Scanned page [0-9a-f]{8}$/);
		});
	});

	it('returns a searchable PDF as binary data named after the document', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: documentParams('read', { documentId: id, readOutput: 'pdf' }) });

			const [item] = expectSuccess(result);
			const fileSize = (await result.binary(item)).length;
			expect(item.json).toEqual({ documentId: id, fileName: `${id}-searchable.pdf`, fileSize });
			expect(item.binary?.data).toMatchObject({ fileName: `${id}-searchable.pdf`, mimeType: 'application/pdf', fileExtension: 'pdf' });
			expect(await pdfLines(result)).toEqual(expect.arrayContaining(INVOICE_TEXT_LINES));
			expect(apiCalls(aluma.fake).at(-1)?.accept).toBe('application/pdf');
		});
	});

	it('writes the searchable PDF to n8n\'s binary store in filesystem mode, byte for byte as in memory mode', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const parameters = documentParams('read', { documentId: id, readOutput: 'pdf' });
			const inMemory = await aluma.run({ parameters });
			const onDisk = await aluma.run({ parameters, binaryMode: 'filesystem' });

			const [memoryItem] = expectSuccess(inMemory);
			const [diskItem] = expectSuccess(onDisk);
			expect(memoryItem.binary?.data.id).toBeUndefined();
			expect(diskItem.binary?.data.id).toMatch(/^filesystem/);
			const bytes = await onDisk.binary(diskItem);
			expect(bytes).toEqual(await inMemory.binary(memoryItem));
			expect(diskItem.json.fileSize).toBe(bytes.length);
			expect(apiCalls(aluma.fake).filter((call) => call.route === 'GET /documents/:id/reads')).toHaveLength(2);
		});
	});

	it('returns the read-result zip as binary data in the field chosen', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({
				parameters: documentParams('read', { documentId: id, readOutput: 'zip', outputBinaryField: 'ocr' }),
			});

			const [item] = expectSuccess(result);
			expect(item.json.fileName).toBe(`${id}-read.zip`);
			expect(item.binary?.ocr).toMatchObject({ fileName: `${id}-read.zip`, mimeType: 'application/zip' });
			const entries = await zipEntries(result, 0, 'ocr');
			expect(Object.keys(entries).sort()).toEqual(['document.json', 'text.txt']);
			const detail = JSON.parse(entries['document.json'].toString('utf8')) as IDataObject;
			expect(detail).toMatchObject({ document_id: id, file_type: 'PDF:Misc', page_count: 1 });
			expect(apiCalls(aluma.fake).at(-1)?.accept).toBe('application/vnd.waives.resultformats.read+zip');
		});
	});

	it('says no document has that ID, naming the Document ID parameter', async () => {
		const result = await aluma.run({ parameters: documentParams('read', { documentId: 'gone-document' }) });

		const failure = failureOf(result);
		expect(failure.message).toBe('No Aluma document has the ID "gone-document" (parameter "Document ID")');
		expect(failure.httpCode).toBe('404');
		expect(failure.itemIndex).toBe(0);
	});
});

describe('Get Read Result', () => {
	const readsOf = (id: string, method: 'PUT' | 'GET') =>
		apiCalls(aluma.fake).filter((call) => call.route === `${method} /documents/:id/reads` && call.path === `/documents/${id}/reads`);

	it('returns an earlier read as a searchable PDF without reading the document again', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const read = await aluma.run({ parameters: documentParams('read', { documentId: id, readOutput: 'text' }) });
			const result = await aluma.run({ parameters: documentParams('getReadResult', { documentId: id, readOutput: 'pdf' }) });

			const [item] = expectSuccess(result);
			expect(item.json).toEqual({ documentId: id, fileName: `${id}-searchable.pdf`, fileSize: (await result.binary(item)).length });
			expect(await pdfLines(result)).toEqual(expect.arrayContaining(String(jsonOf(read)[0].text).split('\n')));
			expect(readsOf(id, 'PUT')).toHaveLength(1);
			expect(readsOf(id, 'GET').map((call) => call.accept)).toEqual(['text/plain', 'application/pdf']);
		});
	});

	it('says the document has no read result yet and what to run first, and reads nothing itself', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: documentParams('getReadResult', { documentId: id }) });

			const failure = failureOf(result);
			expect(failure.message).toBe(`Document "${id}" has no read result yet`);
			expect(failure.description).toMatch(/^Run Read Stored Document on it first/);
			expect(failure.itemIndex).toBe(0);
			expect(readsOf(id, 'PUT')).toHaveLength(0);
		});
	});

	it('says no document has that ID, naming the Document ID parameter', async () => {
		const failure = failureOf(await aluma.run({ parameters: documentParams('getReadResult', { documentId: 'gone-document' }) }));

		expect(failure.message).toBe('No Aluma document has the ID "gone-document" (parameter "Document ID")');
		expect(failure.httpCode).toBe('404');
	});

	it('refuses an empty Document ID before any request', async () => {
		const failure = failureOf(await aluma.run({ parameters: documentParams('getReadResult', { documentId: '  ' }) }));

		expect(failure.message).toMatch(/Document ID/);
		expect(apiCalls(aluma.fake)).toHaveLength(0);
	});
});

describe('Read File', () => {
	it.each(['memory', 'filesystem'] as const)('uploads, reads and deletes the file, returning its text (%s binary mode)', async (binaryMode) => {
		const result = await aluma.run({
			parameters: documentParams('readFile', { readOutput: 'text' }),
			items: [fileItem('invoice.pdf'), fileItem('notes.txt')],
			binaryMode,
		});

		const output = expectSuccess(result);
		expect(output.map((item) => [item.json.fileName, item.json.fileType, item.pairedItem])).toEqual([
			['invoice.pdf', 'PDF:Misc', { item: 0 }],
			['notes.txt', 'Text:Plain', { item: 1 }],
		]);
		expect(String(output[0].json.text).split('\n')).toEqual(expect.arrayContaining(INVOICE_TEXT_LINES));
		expect(output[1].json.text).toBe('Meeting notes\nDiscussed the office move; nothing to extract here.');
		const stats = aluma.fake.stats();
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([2, 2]);
	});

	it('names the searchable PDF after the uploaded file', async () => {
		const result = await aluma.run({
			parameters: documentParams('readFile', { readOutput: 'pdf' }),
			items: [fileItem('image-only.pdf')],
			binaryMode: 'filesystem',
		});

		const [item] = expectSuccess(result);
		expect(item.json).toMatchObject({ fileName: 'image-only-searchable.pdf', fileType: 'PDF:ImageOnly' });
		expect(item.binary?.data).toMatchObject({ fileName: 'image-only-searchable.pdf', mimeType: 'application/pdf' });
		expect((await pdfLines(result))[0]).toMatch(/^Scanned page [0-9a-f]{8}$/);
	});

	it('names the read-result zip after the uploaded file', async () => {
		const result = await aluma.run({
			parameters: documentParams('readFile', { readOutput: 'zip' }),
			items: [fileItem('scan.tiff')],
		});

		const [item] = expectSuccess(result);
		expect(item.json).toMatchObject({ fileName: 'scan-read.zip', fileType: 'Image:TIFF' });
		expect(item.binary?.data).toMatchObject({ fileName: 'scan-read.zip', mimeType: 'application/zip' });
		expect((await zipEntries(result))['text.txt'].toString('utf8')).toMatch(/^Scanned page /);
	});
});
