/**
 * Contract of every request the Document operations make to https://api.aluma.io: method, path,
 * the headers that matter (Authorization, Content-Type, Accept media types) and the body (raw bytes
 * for uploads, `{url}` for imports, the redaction JSON). nock answers instead of Aluma.
 *
 * Run: npx jest test/contract/documents.test.ts
 */
import { createHash } from 'crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byName, expectSuccess, failureOf, fileItem, fixture, jsonOf } from '../support/fakeAlumaWorkflow';
import type { RecordedRequest, nock } from '../support/contract';
import type { NodeWorkflowResult } from '../workflow/harness';
import { BEARER, DEFAULT_ACCEPT, aluma, recordAndReply, useNock } from '../support/contract';

const contract = useNock();

const MEDIA = {
	extractData: 'application/vnd.waives.resultformats.extractdata+json',
	redactRequest: 'application/vnd.waives.requestformats.redact+json',
	readZip: 'application/vnd.waives.resultformats.read+zip',
};

const DOC_ID = 'X9wK2AgWkk-m7e4f9oD5ew';

/** Aluma's document resource for `bytes`, as Aluma answers create/get. */
function documentResource(id: string, bytes: Buffer, fileType: string): IDataObject {
	return {
		id,
		_links: { self: { href: `/documents/${id}` } },
		_embedded: {
			files: [{ id: 'file-1', file_type: fileType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }],
		},
	};
}

const params = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'document', operation, ...parameters });

/** `POST /documents` with exactly these bytes, their content type and length, and the token. */
function expectUpload(name: string, mimeType: string, id = DOC_ID, fileType = 'PDF:Misc') {
	const bytes = fixture(name);
	return aluma()
		.post('/documents', bytes)
		.matchHeader('authorization', BEARER)
		.matchHeader('content-type', mimeType)
		.matchHeader('content-length', String(bytes.length))
		.reply(201, documentResource(id, bytes, fileType));
}

const EXTRACTION = {
	field_results: [
		{
			field_name: 'Invoice Number',
			rejected: false,
			reject_reason: 'None',
			result: { text: 'INV-1001', value: null, areas: [{ top: 104, left: 168, bottom: 116, right: 216, page_number: 1 }] },
			alternatives: null,
			tabular_results: null,
		},
	],
	document: { page_count: 1, pages: [{ page_number: 1, width: 595, height: 842 }] },
};

const REDACTION_FROM_EXTRACTOR = {
	marks: [{ name: 'Invoice Number', area: { top: 104, left: 168, bottom: 116, right: 216, page_number: 1 } }],
	apply_marks: true,
	bookmarks: [],
};

const PDF = Buffer.from('%PDF-1.4\n% redacted\n%%EOF\n', 'latin1');

describe('Create From File', () => {
	// In-memory binaries only: nock 15's socket interceptor intermittently aborts streamed request
	// bodies (axios ERR_BAD_RESPONSE). Streamed uploads are proven against the fake server over real
	// sockets in test/workflow/document/scale.test.ts.
	it('posts the raw file bytes with their content type', async () => {
		const scope = expectUpload('invoice.pdf', 'application/pdf');

		const result = await contract.run({ parameters: params('create'), items: [fileItem('invoice.pdf')] });

		expect(jsonOf(result)[0]).toMatchObject({ id: DOC_ID, fileType: 'PDF:Misc', fileName: 'invoice.pdf' });
		scope.done();
	});

	it('sends a JSON file as application/octet-stream so Aluma does not read it as an import', async () => {
		const scope = expectUpload('notes.txt', 'application/octet-stream', DOC_ID, 'Text:Plain');

		expectSuccess(await contract.run({ parameters: params('create'), items: [fileItem('notes.txt', { mimeType: 'application/json' })] }));

		scope.done();
	});

	it('deletes the document and fails when Aluma reports a different SHA-256 than was sent', async () => {
		const bytes = fixture('invoice.pdf');
		const corrupted = { ...documentResource(DOC_ID, bytes, 'PDF:Misc') };
		(corrupted._embedded as { files: IDataObject[] }).files[0].sha256 = '0'.repeat(64);
		const scope = aluma()
			.post('/documents', bytes)
			.reply(201, corrupted)
			.delete(`/documents/${DOC_ID}`)
			.matchHeader('authorization', BEARER)
			.reply(204);

		const failure = failureOf(await contract.run({ parameters: params('create'), items: [fileItem('invoice.pdf')] }));

		expect(failure.message).toBe('The file Aluma received differs from the one sent');
		scope.done();
	});
});

describe('Import From URL', () => {
	it('posts {url} as JSON', async () => {
		const bytes = fixture('invoice.pdf');
		const scope = aluma()
			.post('/documents', { url: 'https://files.example.com/in/invoice%20march.pdf?sig=1' })
			.matchHeader('authorization', BEARER)
			.matchHeader('content-type', 'application/json')
			.reply(201, documentResource(DOC_ID, bytes, 'PDF:Misc'));

		const result = await contract.run({
			parameters: params('importFromUrl', { url: 'https://files.example.com/in/invoice%20march.pdf?sig=1' }),
		});

		expect(jsonOf(result)[0]).toMatchObject({ id: DOC_ID, fileName: 'invoice march.pdf' });
		scope.done();
	});
});

describe('Get', () => {
	it('gets /documents/{id} with the ID encoded as one path segment', async () => {
		const scope = aluma()
			.get('/documents/a%26b%3Dc%2Bd')
			.matchHeader('authorization', BEARER)
			.reply(200, documentResource('a&b=c+d', fixture('scan.tiff'), 'Image:TIFF'));

		const result = await contract.run({ parameters: params('get', { documentId: 'a&b=c+d' }) });

		expect(jsonOf(result)[0]).toMatchObject({ id: 'a&b=c+d', fileType: 'Image:TIFF' });
		scope.done();
	});
});

describe('Get Many', () => {
	it('gets /documents', async () => {
		const bytes = fixture('invoice.pdf');
		const scope = aluma()
			.get('/documents')
			.matchHeader('authorization', BEARER)
			.reply(200, { documents: [documentResource('d1', bytes, 'PDF:Misc'), documentResource('d2', bytes, 'PDF:Misc')] });

		const result = await contract.run({ parameters: params('getAll', { returnAll: true }) });

		expect(jsonOf(result).map((json) => json.id)).toEqual(['d1', 'd2']);
		scope.done();
	});
});

describe('Delete', () => {
	it('deletes /documents/{id}', async () => {
		const scope = aluma().delete(`/documents/${DOC_ID}`).matchHeader('authorization', BEARER).reply(204);

		const result = await contract.run({ parameters: params('deleteDocument', { documentId: DOC_ID }) });

		expect(jsonOf(result)).toEqual([{ deleted: true, id: DOC_ID, alreadyGone: false }]);
		scope.done();
	});

	it('takes a 404 as already deleted', async () => {
		const scope = aluma().delete(`/documents/${DOC_ID}`).reply(404, { message: 'not found' });

		expect(jsonOf(await contract.run({ parameters: params('deleteDocument', { documentId: DOC_ID }) }))).toEqual([
			{ deleted: true, id: DOC_ID, alreadyGone: true },
		]);
		scope.done();
	});
});

/** Each read output: the parameter value, the Accept header it asks with, and an answer. */
const READ_FORMATS: Array<[string, string, Buffer]> = [
	['text', 'text/plain', Buffer.from('Invoice Number: INV-1001')],
	['pdf', 'application/pdf', PDF],
	['zip', MEDIA.readZip, Buffer.from('PK\u0003\u0004zip')],
];

/** `GET /documents/{id}/reads` with the token and exactly this Accept, answered with `answer`. */
function readResultAnswer(scope: nock.Scope, accept: string, answer: Buffer): nock.Scope {
	return scope
		.get(`/documents/${DOC_ID}/reads`)
		.matchHeader('authorization', BEARER)
		.matchHeader('accept', accept)
		.reply(200, answer, { 'Content-Type': accept });
}

/** A read's one output item: the text in JSON, or the file, byte for byte, as binary data. */
async function expectReadOutput(result: NodeWorkflowResult, readOutput: string, answer: Buffer): Promise<void> {
	const [item] = expectSuccess(result);
	if (readOutput === 'text') expect(item.json).toEqual({ documentId: DOC_ID, text: answer.toString('utf8') });
	else expect(await result.binary(item)).toEqual(answer);
}

describe('Read', () => {
	it.each(READ_FORMATS)('puts /reads, then gets /reads with Accept for %s', async (readOutput, accept, answer) => {
		const scope = readResultAnswer(aluma().put(`/documents/${DOC_ID}/reads`).matchHeader('authorization', BEARER).reply(200, { _links: {} }), accept, answer);

		await expectReadOutput(await contract.run({ parameters: params('read', { documentId: DOC_ID, readOutput }) }), readOutput, answer);
		scope.done();
	});
});

describe('Get Read Result', () => {
	it.each(READ_FORMATS)('gets /reads with Accept for %s and sends no read (no PUT)', async (readOutput, accept, answer) => {
		const scope = readResultAnswer(aluma(), accept, answer);

		await expectReadOutput(await contract.run({ parameters: params('getReadResult', { documentId: DOC_ID, readOutput }) }), readOutput, answer);
		scope.done();
	});

	it.each([400, 409])('reads an HTTP %i as "not read yet" and says what to run first, keeping Aluma\'s words', async (status) => {
		const scope = aluma().get(`/documents/${DOC_ID}/reads`).reply(status, { message: 'The document has not been read' });

		const failure = failureOf(await contract.run({ parameters: params('getReadResult', { documentId: DOC_ID }) }));

		expect(failure.message).toBe(`Document "${DOC_ID}" has no read result yet`);
		expect(failure.description).toMatch(/^Run Read Stored Document on it first; .*Aluma said: The document has not been read/);
		scope.done();
	});
});

describe('Classify', () => {
	it('posts /documents/{id}/classify/{classifier}, the name encoded, without a body', async () => {
		const log: RecordedRequest[] = [];
		const scope = aluma()
			.post(`/documents/${DOC_ID}/classify/mail%2Broom`)
			.reply(
				recordAndReply(log, 200, {
					document_id: DOC_ID,
					classification_results: { document_type: 'Invoice', is_confident: true, relative_confidence: 6, document_type_scores: [] },
				}),
			);

		const result = await contract.run({ parameters: params('classify', { documentId: DOC_ID, classifier: { __rl: true, mode: 'list', value: 'mail+room' } }) });

		expect(jsonOf(result)[0]).toMatchObject({ documentType: 'Invoice', classifier: 'mail+room' });
		expect(log[0].headers).toMatchObject({ authorization: BEARER, accept: DEFAULT_ACCEPT });
		expect(log[0].body).toHaveLength(0);
		scope.done();
	});
});

describe('Extract', () => {
	it('posts /documents/{id}/extract/{extractor} accepting the extract-data media type', async () => {
		const scope = aluma()
			.post(`/documents/${DOC_ID}/extract/aluma.invoices.gb`)
			.matchHeader('authorization', BEARER)
			.matchHeader('accept', MEDIA.extractData)
			.reply(200, EXTRACTION, { 'Content-Type': MEDIA.extractData });

		const result = await contract.run({ parameters: params('extract', { documentId: DOC_ID, extractor: byName('aluma.invoices.gb') }) });

		expect(jsonOf(result)[0]).toMatchObject({ 'Invoice Number': 'INV-1001' });
		scope.done();
	});
});

describe('Redact', () => {
	const getDocument = () =>
		aluma()
			.get(`/documents/${DOC_ID}`)
			.matchHeader('authorization', BEARER)
			.reply(200, documentResource(DOC_ID, fixture('invoice.pdf'), 'PDF:Misc'));

	/** `POST /documents/:id/redact` with exactly `body` as JSON and the token, answered with the redacted PDF. */
	const expectRedact = (scope: nock.Scope, body: nock.RequestBodyMatcher) =>
		scope
			.post(`/documents/${DOC_ID}/redact`, body)
			.matchHeader('authorization', BEARER)
			.matchHeader('content-type', 'application/json')
			.matchHeader('accept', 'application/pdf')
			.reply(200, PDF, { 'Content-Type': 'application/pdf' });
	const runRedact = async (parameters: INodeParameters) => await contract.run({ parameters: params('redact', { documentId: DOC_ID, ...parameters }) });

	it('asks the extractor for a redaction request, then posts it to /redact for a PDF', async () => {
		const extractor = getDocument()
			.post(`/documents/${DOC_ID}/extract/aluma.invoices.gb`)
			.matchHeader('authorization', BEARER)
			.matchHeader('accept', MEDIA.redactRequest)
			.reply(200, REDACTION_FROM_EXTRACTOR, { 'Content-Type': MEDIA.redactRequest });
		const scope = expectRedact(extractor, { ...REDACTION_FROM_EXTRACTOR, bookmarks: [{ text: 'Totals', page_number: 1 }] });

		const result = await runRedact({
			redactFrom: 'extractor',
			extractor: byName('aluma.invoices.gb'),
			bookmarks: { bookmark: [{ text: 'Totals', pageNumber: 1 }] },
		});

		const [item] = expectSuccess(result);
		expect(await result.binary(item)).toEqual(PDF);
		scope.done();
	});

	it('posts the marks entered, with apply_marks and bookmarks, as JSON', async () => {
		const scope = expectRedact(getDocument(), {
			marks: [
				{ name: 'Account', area: { top: 100, left: 50, bottom: 120, right: 300, page_number: 1 } },
				{ area: { top: 10.5, left: 0, bottom: 20, right: 595, page_number: 2 } },
			],
			apply_marks: false,
			bookmarks: [{ text: 'Page two', page_number: 2 }],
		});

		const result = await runRedact({
			redactFrom: 'marks',
			applyMarks: false,
			marks: {
				mark: [
					{ name: 'Account', pageNumber: 1, top: 100, left: 50, bottom: 120, right: 300 },
					{ name: '', pageNumber: 2, top: 10.5, left: 0, bottom: 20, right: 595 },
				],
			},
			bookmarks: { bookmark: [{ text: 'Page two', pageNumber: 2 }] },
		});

		expect(jsonOf(result)[0]).toMatchObject({ marks: 2, applied: false });
		scope.done();
	});

	it('posts a redaction request given as JSON unchanged', async () => {
		const request = { marks: [{ area: { top: 1, left: 2, bottom: 3, right: 4, page_number: 1 } }], apply_marks: true, bookmarks: [] };
		const scope = expectRedact(getDocument(), request);

		expectSuccess(await runRedact({ redactFrom: 'json', redactionJson: JSON.stringify(request) }));
		scope.done();
	});
});

describe('one-step operations', () => {
	it('Read File uploads, reads and deletes, in that order', async () => {
		const log: RecordedRequest[] = [];
		const bytes = fixture('scan.tiff');
		aluma().post('/documents').reply(recordAndReply(log, 201, documentResource(DOC_ID, bytes, 'Image:TIFF')));
		aluma().put(`/documents/${DOC_ID}/reads`).reply(recordAndReply(log, 200, {}));
		aluma().get(`/documents/${DOC_ID}/reads`).reply(recordAndReply(log, 200, 'Scanned page', { 'Content-Type': 'text/plain' }));
		aluma().delete(`/documents/${DOC_ID}`).reply(recordAndReply(log, 204));

		const result = await contract.run({ parameters: params('readFile'), items: [fileItem('scan.tiff')] });

		expect(jsonOf(result)).toEqual([{ fileName: 'scan.tiff', fileType: 'Image:TIFF', text: 'Scanned page' }]);
		expect(log.map((entry) => [entry.method, entry.path, entry.headers.authorization, entry.headers['content-type'] ?? null])).toEqual([
			['POST', '/documents', BEARER, 'image/tiff'],
			['PUT', `/documents/${DOC_ID}/reads`, BEARER, null],
			['GET', `/documents/${DOC_ID}/reads`, BEARER, null],
			['DELETE', `/documents/${DOC_ID}`, BEARER, null],
		]);
		expect(log[0].body.equals(bytes)).toBe(true);
		expect(log[2].headers.accept).toBe('text/plain');
	});

	it('Extract From File still deletes the document when the extraction fails', async () => {
		const scope = expectUpload('invoice.pdf', 'application/pdf')
			.post(`/documents/${DOC_ID}/extract/aluma.invoices.gb`)
			.matchHeader('accept', MEDIA.extractData)
			.reply(422, { type: 'https://docs.aluma.io/problems/x', title: 'Unprocessable', detail: 'The document has no pages.' })
			.delete(`/documents/${DOC_ID}`)
			.matchHeader('authorization', BEARER)
			.reply(204);

		const failure = failureOf(
			await contract.run({ parameters: params('extractFromFile', { extractor: byName('aluma.invoices.gb') }), items: [fileItem('invoice.pdf')] }),
		);

		expect(failure.message).toBe(
			'Aluma could not process the request to extract data with the extractor "aluma.invoices.gb": The document has no pages.',
		);
		scope.done();
	});

	it('Classify and Extract with Redact Too classifies, extracts, asks for the redaction request, redacts and deletes', async () => {
		const log: RecordedRequest[] = [];
		const bytes = fixture('invoice.pdf');
		const classification = { classification_results: { document_type: 'Invoice', is_confident: true, document_type_scores: [] } };
		aluma().post('/documents').reply(recordAndReply(log, 201, documentResource(DOC_ID, bytes, 'PDF:Misc')));
		aluma().post(`/documents/${DOC_ID}/classify/mailroom`).reply(recordAndReply(log, 200, classification));
		aluma()
			.post(`/documents/${DOC_ID}/extract/aluma.invoices.gb`)
			.matchHeader('accept', MEDIA.extractData)
			.reply(recordAndReply(log, 200, EXTRACTION));
		aluma()
			.post(`/documents/${DOC_ID}/extract/aluma.invoices.gb`)
			.matchHeader('accept', MEDIA.redactRequest)
			.reply(recordAndReply(log, 200, REDACTION_FROM_EXTRACTOR));
		aluma().post(`/documents/${DOC_ID}/redact`).reply(recordAndReply(log, 200, PDF, { 'Content-Type': 'application/pdf' }));
		aluma().delete(`/documents/${DOC_ID}`).reply(recordAndReply(log, 204));

		const result = await contract.run({
			parameters: params('classifyAndExtract', {
				classifier: byName('mailroom'),
				extractorMapping: { mapping: [{ documentType: 'Invoice', extractor: 'aluma.invoices.gb' }] },
				alsoRedact: true,
			}),
			items: [fileItem('invoice.pdf')],
		});

		const [item] = expectSuccess(result);
		expect(item.json).toMatchObject({ documentType: 'Invoice', 'Invoice Number': 'INV-1001' });
		expect(await result.binary(item)).toEqual(PDF);
		expect(log.map((entry) => [entry.method, entry.path, entry.headers.accept])).toEqual([
			['POST', '/documents', DEFAULT_ACCEPT],
			['POST', `/documents/${DOC_ID}/classify/mailroom`, DEFAULT_ACCEPT],
			['POST', `/documents/${DOC_ID}/extract/aluma.invoices.gb`, MEDIA.extractData],
			['POST', `/documents/${DOC_ID}/extract/aluma.invoices.gb`, MEDIA.redactRequest],
			['POST', `/documents/${DOC_ID}/redact`, 'application/pdf'],
			['DELETE', `/documents/${DOC_ID}`, DEFAULT_ACCEPT],
		]);
		expect(JSON.parse(log[4].body.toString('utf8'))).toEqual(REDACTION_FROM_EXTRACTOR);
		expect(log[4].headers['content-type']).toBe('application/json');
		expect(log.every((entry) => entry.headers.authorization === BEARER)).toBe(true);
	});
});
