/**
 * Document → Create From File and Import From URL in n8n's engine against the fake Aluma server.
 * URL imports are downloaded by the fake from a local file server that `importHosts` maps
 * `files.example.com` to.
 *
 * Run: npx jest test/workflow/document/create.test.ts
 */
import { createHash } from 'crypto';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiCalls, expectSuccess, failureOf, fileItem, fixture, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { IMPORT_HOST, deleteDocuments, documentParams, files, useImportServer } from '../../support/documents';

const aluma = useFakeAluma();

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('Create From File', () => {
	it.each(['memory', 'filesystem'] as const)('uploads the file and returns the new document (%s binary mode)', async (binaryMode) => {
		const bytes = fixture('invoice.pdf');

		const result = await aluma.run({ parameters: documentParams('create'), items: [fileItem('invoice.pdf')], binaryMode });

		const [json] = jsonOf(result);
		expect(json).toEqual({
			id: expect.stringMatching(/^[\w-]{22}$/),
			fileType: 'PDF:Misc',
			size: bytes.length,
			sha256: sha256(bytes),
			files: [expect.objectContaining({ file_type: 'PDF:Misc', size: bytes.length, sha256: sha256(bytes) })],
			fileName: 'invoice.pdf',
		});
		expect(aluma.fake.stats().liveDocuments).toBe(1);
		const [post] = apiCalls(aluma.fake);
		expect([post.route, post.status, post.contentType, post.bodyBytes]).toEqual(['POST /documents', 201, 'application/pdf', bytes.length]);
		await deleteDocuments(aluma, [String(json.id)]);
	});

	it('creates one document per item, in input order, from the binary property named', async () => {
		const names = ['letter.pdf', 'scan.tiff', 'photo.png', 'notes.txt'];

		const result = await aluma.run({
			parameters: documentParams('create', { binaryPropertyName: 'upload', options: { concurrency: 4 } }),
			items: names.map((name) => fileItem(name, { property: 'upload' })),
		});

		const output = expectSuccess(result);
		expect(output.map((item) => [item.json.fileName, item.json.fileType, item.pairedItem])).toEqual([
			['letter.pdf', 'PDF:Misc', { item: 0 }],
			['scan.tiff', 'Image:TIFF', { item: 1 }],
			['photo.png', 'Image:PNG', { item: 2 }],
			['notes.txt', 'Text:Plain', { item: 3 }],
		]);
		expect(output.map((item) => item.json.sha256)).toEqual(names.map((name) => sha256(fixture(name))));
		await deleteDocuments(aluma, output.map((item) => String(item.json.id)));
	});

	it.each([1, 4])(
		'deletes the documents of the other items when an item stops the run, since their IDs never reach the next node (concurrency %i)',
		async (concurrency) => {
			const result = await aluma.run({
				parameters: documentParams('create', { options: { concurrency } }),
				items: [fileItem('invoice.pdf'), fileItem('letter.pdf'), { json: {} }, fileItem('scan.tiff')],
			});

			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(failureOf(result)).toMatchObject({ itemIndex: 2, message: 'Item 2 has no binary property "data" (parameter "Input Binary Field")' });
			const stats = aluma.fake.stats();
			expect(stats.liveDocuments).toBe(0);
			expect(stats.documentsDeleted).toBe(stats.documentsCreated);
			expect(stats.documentsCreated).toBeGreaterThanOrEqual(2);
		},
	);

	it('keeps the documents of a failed item\'s neighbours when Continue On Fail is on', async () => {
		const result = await aluma.run({
			parameters: documentParams('create'),
			items: [fileItem('invoice.pdf'), { json: {} }],
			continueOnFail: true,
		});

		const output = expectSuccess(result);
		expect(output[1].json.error).toMatch(/has no binary property/);
		expect(aluma.fake.stats().liveDocuments).toBe(1);
		await deleteDocuments(aluma, [String(output[0].json.id)]);
	});

	it('uploads a file typed as JSON as bytes, so Aluma does not take it for a URL import', async () => {
		const result = await aluma.run({
			parameters: documentParams('create'),
			items: [fileItem('notes.txt', { mimeType: 'application/json' })],
		});

		const [json] = jsonOf(result);
		expect(json.fileType).toBe('Text:Plain');
		expect(apiCalls(aluma.fake)[0].contentType).toBe('application/octet-stream');
		await deleteDocuments(aluma, [String(json.id)]);
	});
});

describe('Import From URL', () => {
	const importServer = useImportServer(aluma);

	it('asks Aluma to download the URL and returns the new document named after the URL', async () => {
		const bytes = fixture('scan.tiff');

		const result = await aluma.run({
			parameters: documentParams('importFromUrl', { url: `https://${IMPORT_HOST}/inbox/scan.tiff` }),
		});

		const [json] = jsonOf(result);
		expect(json).toMatchObject({ fileType: 'Image:TIFF', size: bytes.length, sha256: sha256(bytes), fileName: 'scan.tiff' });
		expect(files(json)).toHaveLength(1);
		expect(importServer().requested).toEqual(['/inbox/scan.tiff']);
		const [post] = apiCalls(aluma.fake);
		expect([post.route, post.status, post.contentType]).toEqual(['POST /documents', 201, 'application/json']);
		await deleteDocuments(aluma, [String(json.id)]);
	});

	it("fails with Aluma's 422 explanation when the download fails", async () => {
		const result = await aluma.run({
			parameters: documentParams('importFromUrl', { url: `https://${IMPORT_HOST}/inbox/missing.pdf` }),
		});

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failure.httpCode).toBe('422');
		expect(failure.message).toBe(
			`Aluma could not process the request to import the document from the URL: Downloading https://${IMPORT_HOST}/inbox/missing.pdf failed: the server at ${importServer().origin.replace('http://', '')} answered HTTP 404.`,
		);
		expect(failure.itemIndex).toBe(0);
		expect(importServer().requested).toEqual(['/inbox/missing.pdf']);
	});

	it.each([
		['ftp://files.example.com/invoice.pdf', 'The URL scheme "ftp" is not supported (parameter "URL")'],
		['file:///etc/passwd', 'The URL scheme "file" is not supported (parameter "URL")'],
		['not a url', '"not a url" is not a valid URL (parameter "URL")'],
	])('refuses %s before any request', async (url, message) => {
		const result = await aluma.run({ parameters: documentParams('importFromUrl', { url }) });

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe(message);
		expect(failure.itemIndex).toBe(0);
		expect(aluma.fake.requests()).toHaveLength(0);
	});

	it.each([
		['http://127.0.0.1:8080/invoice.pdf', '127.0.0.1'],
		['http://localhost/invoice.pdf', 'localhost'],
		['https://[::1]/invoice.pdf', '[::1]'],
		['http://10.1.2.3/invoice.pdf', '10.1.2.3'],
		['http://192.168.0.10/invoice.pdf', '192.168.0.10'],
		['http://172.20.0.4/invoice.pdf', '172.20.0.4'],
		['http://169.254.169.254/latest/meta-data', '169.254.169.254'],
	])('refuses the loopback or private URL %s before any request', async (url, host) => {
		const result = await aluma.run({ parameters: documentParams('importFromUrl', { url }) });

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe(`The URL points at a local or private address (${host}) (parameter "URL")`);
		expect(failure.description).toMatch(/Create From File/);
		expect(aluma.fake.requests()).toHaveLength(0);
		expect(importServer().requested).toHaveLength(0);
	});

	it('names the item whose URL is refused and imports the others when Continue On Fail is on', async () => {
		const result = await aluma.run({
			parameters: documentParams('importFromUrl', { url: '={{ $json.url }}' }),
			items: [{ json: { url: `https://${IMPORT_HOST}/invoice.pdf` } }, { json: { url: 'gopher://files.example.com/x' } }],
			continueOnFail: true,
		});

		const output = expectSuccess(result);
		expect(output[0].json).toMatchObject({ fileName: 'invoice.pdf', fileType: 'PDF:Misc' });
		expect(output[1]).toEqual({
			json: expect.objectContaining({ error: 'The URL scheme "gopher" is not supported (parameter "URL")' }),
			pairedItem: { item: 1 },
		});
		expect(apiCalls(aluma.fake)).toHaveLength(1);
		await deleteDocuments(aluma, [String(output[0].json.id)]);
	});
});
