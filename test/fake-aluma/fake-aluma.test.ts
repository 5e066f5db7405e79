/**
 * Proves the fake Aluma server's behaviour with plain HTTP calls, so node tests can trust it.
 * Run: npx jest --config test/fake-aluma/jest.config.js
 */
import { createHash } from 'crypto';
import { startFakeAluma } from './index';
import { readZip, writeZip } from './zip';
import { readPdfText } from './pdf';
import { CLI_PATH, FIXTURES_DIR } from './paths';
import { fakeDateOnly } from '../support/fakeDate';
import type { CallOptions } from '../support/fakeCall';
import { call } from '../support/fakeCall';
import { childProcess, fs, http, path, process, setTimeout as realSetTimeout } from '../support/node';

type FakeAluma = Awaited<ReturnType<typeof startFakeAluma>>;

// ---------------------------------------------------------------------------- response shapes

interface LegacyError {
	message: string;
	requestErrors?: Record<string, string[]>;
}
interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	instance: string;
}
interface Link {
	href: string;
	templated?: boolean;
	method?: string;
}
interface DocumentResource {
	id: string;
	_links: Record<string, Link>;
	_embedded: { files: { id: string; file_type: string; size: number; sha256: string }[] };
}
interface Classification {
	document_id: string;
	classification_results: {
		document_type: string;
		relative_confidence: number;
		is_confident: boolean;
		document_type_scores: { document_type: string; score: number }[];
	};
}
interface Area {
	top: number;
	left: number;
	bottom: number;
	right: number;
	page_number: number;
}
interface InnerResult {
	text: string;
	value: unknown;
	rejected: boolean;
	reject_reason: string;
	areas: Area[];
}
interface FieldResult {
	field_name: string;
	rejected: boolean;
	reject_reason: string;
	result: InnerResult | null;
	alternatives?: InnerResult[] | null;
	alternative_results?: InnerResult[] | null;
	tabular_results: { rows: { cells: { column_name: string; text: string; value: unknown }[] }[] } | null;
}
interface PageList {
	page_count: number;
	pages: { page_number: number; width: number; height: number }[];
}
interface Extraction {
	field_results: FieldResult[];
	document?: PageList;
	page_sizes?: PageList;
}
interface RedactRequest {
	marks: { name?: string; area: Area }[];
	apply_marks: boolean;
	bookmarks: { text: string; page_number: number }[];
}
interface Task {
	id: string;
	name: string;
	file_collection_id: string;
	project_id: string;
	project_name: string;
	created_at: string;
	documents_count: number;
	state: string;
	client_action: string | null;
}
interface Project {
	id: string;
	name: string;
	created_at: string;
	client_actions: string[];
}
interface SpecFile {
	name: string;
	content_type: string;
	href: string;
}
interface ExportSpecification {
	task_id: string;
	action: string;
	project_id: string;
	documents: { document_type: string; fields: Record<string, unknown>; files: SpecFile[] }[];
}
interface ValidationSpecification {
	task_id: string;
	action: string;
	documents: { document_type: string; is_confident: boolean; fields: { name: string; value: unknown }[]; files: SpecFile[] }[];
}

// ---------------------------------------------------------------------------- helpers

const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES_DIR, name));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const OCTETS = { 'Content-Type': 'application/octet-stream' };
const REDACT_TYPE = 'application/vnd.waives.requestformats.redact+json';
const READ_ZIP = 'application/vnd.waives.resultformats.read+zip';

/** Checks a PDF's structure (header, startxref, every xref offset) and returns its text lines. */
function pdfLines(pdf: Buffer): string[] {
	const src = pdf.toString('latin1');
	expect(src.startsWith('%PDF-1.')).toBe(true);
	expect(src.trimEnd().endsWith('%%EOF')).toBe(true);
	const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(src)?.[1]);
	expect(src.slice(startxref, startxref + 4)).toBe('xref');
	const table = /^xref\n0 (\d+)\n([\s\S]*?)trailer/m.exec(src.slice(startxref));
	expect(table).not.toBeNull();
	const entries = (table?.[2] ?? '').split('\n').filter(Boolean).slice(1);
	expect(entries).toHaveLength(Number(table?.[1]) - 1);
	entries.forEach((entry, i) => {
		const offset = Number(entry.slice(0, 10));
		expect(src.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
	});
	return readPdfText(pdf).pages.flatMap((page) => page.lines);
}

const sleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

// ---------------------------------------------------------------------------- suite

describe('fake Aluma server', () => {
	let fake: FakeAluma;

	beforeAll(async () => {
		fake = await startFakeAluma({ clientId: 'test-client', clientSecret: 'test-secret' });
	});
	afterAll(async () => {
		await fake.close();
	});
	beforeEach(() => fake.reset());
	afterEach(() => jest.useRealTimers());

	const api = (method: string, urlPath: string, options?: CallOptions) => call(fake.url, method, urlPath, options);

	async function token(): Promise<string> {
		const reply = await api('POST', '/oauth/token', { headers: FORM, body: 'client_id=test-client&client_secret=test-secret' });
		expect(reply.status).toBe(200);
		return reply.json<{ access_token: string }>().access_token;
	}

	async function upload(bearer: string, name: string): Promise<DocumentResource> {
		const reply = await api('POST', '/documents', { token: bearer, headers: OCTETS, body: fixture(name) });
		expect(reply.status).toBe(201);
		return reply.json<DocumentResource>();
	}

	describe('token exchange', () => {
		it('issues a bearer token for a form body and for a JSON body', async () => {
			const form = await api('POST', '/oauth/token', {
				headers: FORM,
				body: 'grant_type=client_credentials&client_id=test-client&client_secret=test-secret',
			});
			const json = await api('POST', '/oauth/token', {
				headers: JSON_TYPE,
				body: JSON.stringify({ client_id: 'test-client', client_secret: 'test-secret' }),
			});
			for (const reply of [form, json]) {
				expect(reply.status).toBe(200);
				const body = reply.json<{ access_token: string; token_type: string; expires_in: number }>();
				expect(body.access_token.length).toBeGreaterThanOrEqual(40);
				expect(body).toEqual({ access_token: body.access_token, token_type: 'Bearer', expires_in: 86400 });
			}
			expect(form.json<{ access_token: string }>().access_token).not.toBe(json.json<{ access_token: string }>().access_token);
			expect(fake.stats()).toMatchObject({ tokenExchanges: 2, tokenRequests: 2, tokenFailures: 0 });
		});

		it('answers 415 for a body format it is told to refuse', async () => {
			fake.setConfig({ tokenBodyFormats: ['form'] });
			const json = await api('POST', '/oauth/token', {
				headers: JSON_TYPE,
				body: JSON.stringify({ client_id: 'test-client', client_secret: 'test-secret' }),
			});
			expect(json.status).toBe(415);
			expect(json.json<LegacyError>().message).toMatch(/application\/json/);
			const plain = await api('POST', '/oauth/token', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
			expect(plain.status).toBe(415);
			expect(fake.stats()).toMatchObject({ tokenExchanges: 0, tokenRequests: 2, tokenFailures: 2 });
		});

		it('answers 400 with requestErrors when a field is missing', async () => {
			const reply = await api('POST', '/oauth/token', { headers: FORM, body: 'client_id=test-client' });
			expect(reply.status).toBe(400);
			expect(reply.json<LegacyError>().requestErrors).toEqual({ client_secret: ['The client_secret field is required.'] });
		});

		it("answers 401 \"You couldn't be authenticated\" for a wrong secret", async () => {
			const reply = await api('POST', '/oauth/token', { headers: FORM, body: 'client_id=test-client&client_secret=wrong' });
			expect(reply.status).toBe(401);
			expect(reply.json()).toEqual({ message: "You couldn't be authenticated" });
			expect(fake.stats().tokenFailures).toBe(1);
		});

		it('can leave expires_in out', async () => {
			fake.setConfig({ omitExpiresIn: true });
			const reply = await api('POST', '/oauth/token', { headers: FORM, body: 'client_id=test-client&client_secret=test-secret' });
			expect(Object.keys(reply.json<object>()).sort()).toEqual(['access_token', 'token_type']);
		});

		it('never records the token or the client secret', async () => {
			const bearer = await token();
			await api('GET', '/documents', { token: bearer });
			const recorded = JSON.stringify([fake.requests(), fake.stats(), fake.state.tokens.values().next().value]);
			expect(recorded).not.toContain(bearer);
			expect(recorded).not.toContain('test-secret');
			expect(fake.requests().map((r) => r.tokenId)).toEqual(['tok-1', 'tok-1']);
			const config = await api('POST', '/__admin/config', { headers: JSON_TYPE, body: '{}' });
			expect(config.text).not.toContain('test-secret');
		});
	});

	describe('bearer authentication', () => {
		it('answers 401 {"message":"Unauthorized"} without a token or with an unknown one', async () => {
			const missing = await api('GET', '/documents');
			const unknown = await api('GET', '/documents', { token: 'not-a-token' });
			for (const reply of [missing, unknown]) {
				expect(reply.status).toBe(401);
				expect(reply.json()).toEqual({ message: 'Unauthorized' });
			}
			expect(fake.stats().unauthorized).toBe(2);
			expect(fake.requests().map((r) => r.tokenId)).toEqual([null, 'unknown']);
		});

		it('expires tokens by Date.now at request time, without revoking older tokens on renewal', async () => {
			const start = Date.parse('2026-11-02T10:00:00Z');
			fakeDateOnly(start);
			fake.setConfig({ tokenLifetimeSeconds: 60 });
			const first = await token();
			jest.setSystemTime(start + 30_000);
			const second = await token();
			expect((await api('GET', '/documents', { token: first })).status).toBe(200);
			jest.setSystemTime(start + 60_000);
			expect((await api('GET', '/documents', { token: first })).status).toBe(401);
			expect((await api('GET', '/documents', { token: second })).status).toBe(200);
			jest.setSystemTime(start + 90_000);
			expect((await api('GET', '/documents', { token: second })).status).toBe(401);
			expect(fake.stats().unauthorized).toBe(2);
		});

		it('rejects revoked tokens and accepts tokens issued afterwards', async () => {
			const old = await token();
			expect(fake.revokeAllTokens()).toBe(1);
			expect((await api('GET', '/documents', { token: old })).status).toBe(401);
			expect((await api('GET', '/documents', { token: await token() })).status).toBe(200);
		});
	});

	describe('documents', () => {
		it('creates a document from raw bytes with the reference resource shape', async () => {
			const bytes = fixture('invoice.pdf');
			const reply = await api('POST', '/documents', { token: await token(), headers: OCTETS, body: bytes });
			expect(reply.status).toBe(201);
			const doc = reply.json<DocumentResource>();
			expect(doc.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
			const self = `/documents/${doc.id}`;
			expect(doc._links).toEqual({
				self: { href: self },
				'document:read': { href: `${self}/reads` },
				'document:classify': { href: `${self}/classify/{classifier_name}`, templated: true },
				'document:extract': { href: `${self}/extract/{extractor_name}`, templated: true },
			});
			expect(doc._embedded.files).toEqual([
				{ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), file_type: 'PDF:Misc', size: bytes.length, sha256: sha256(bytes) },
			]);
		});

		it('detects file types from content', async () => {
			const bearer = await token();
			const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
			const cases: [string, Buffer][] = [
				['PDF:Misc', fixture('letter.pdf')],
				['PDF:ImageOnly', fixture('image-only.pdf')],
				['Image:TIFF', fixture('scan.tiff')],
				['Image:PNG', fixture('photo.png')],
				['Image:JPEG', jpeg],
				['Text:Plain', fixture('notes.txt')],
				['Unknown', Buffer.from([0, 1, 2, 3, 0xfe, 0xff])],
			];
			for (const [type, body] of cases) {
				const reply = await api('POST', '/documents', { token: bearer, body });
				expect([type, reply.json<DocumentResource>()._embedded.files[0].file_type]).toEqual([type, type]);
			}
		});

		it('gets, lists and deletes documents and keeps live counts', async () => {
			const bearer = await token();
			const a = await upload(bearer, 'invoice.pdf');
			const b = await upload(bearer, 'letter.pdf');
			expect((await api('GET', `/documents/${a.id}`, { token: bearer })).json<DocumentResource>()).toEqual(a);
			const list = (await api('GET', '/documents', { token: bearer })).json<{ documents: DocumentResource[] }>();
			expect(list.documents.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
			expect((await api('DELETE', `/documents/${a.id}`, { token: bearer })).status).toBe(204);
			expect((await api('DELETE', `/documents/${a.id}`, { token: bearer })).status).toBe(404);
			const gone = await api('GET', `/documents/${a.id}`, { token: bearer });
			expect(gone.status).toBe(404);
			expect(gone.json<LegacyError>().message).toContain(a.id);
			expect(fake.stats()).toMatchObject({ liveDocuments: 1, peakLiveDocuments: 2, documentsCreated: 2, documentsDeleted: 1 });
			expect(fake.stats().byRoute).toMatchObject({ 'POST /documents': 2, 'DELETE /documents/:id': 2, 'GET /documents/:id': 2 });
		});

		it('refuses an empty body and a file over maxFileBytes', async () => {
			const bearer = await token();
			const empty = await api('POST', '/documents', { token: bearer, headers: OCTETS, body: '' });
			expect(empty.status).toBe(400);
			expect(empty.json<LegacyError>().requestErrors).toBeDefined();
			fake.setConfig({ maxFileBytes: 1000 });
			expect((await api('POST', '/documents', { token: bearer, body: fixture('invoice.pdf') })).status).toBe(413);
		});

		it('answers 403 (configurable) with a legacy message once the document cap is reached', async () => {
			fake.setConfig({ documentCap: 2 });
			const bearer = await token();
			const first = await upload(bearer, 'letter.pdf');
			await upload(bearer, 'letter.pdf');
			const refused = await api('POST', '/documents', { token: bearer, body: fixture('letter.pdf') });
			expect(refused.status).toBe(403);
			expect(refused.json()).toEqual({
				message: 'The maximum number of documents (2) has been reached. Delete documents to free up space.',
			});
			fake.setConfig({ documentCapStatus: 409 });
			expect((await api('POST', '/documents', { token: bearer, body: fixture('letter.pdf') })).status).toBe(409);
			await api('DELETE', `/documents/${first.id}`, { token: bearer });
			expect((await api('POST', '/documents', { token: bearer, body: fixture('letter.pdf') })).status).toBe(201);
			expect(fake.stats()).toMatchObject({ liveDocuments: 2, peakLiveDocuments: 2, documentsCreated: 3, documentCapAnswers: 2 });
		});

		it('logs which process sent a request when the client tags it with X-Test-Origin', async () => {
			const bearer = await token();
			await api('GET', '/classifiers', { token: bearer, headers: { 'X-Test-Origin': 'worker-1' } });
			await api('GET', '/classifiers', { token: bearer });
			expect(fake.requests().filter((r) => r.route === 'GET /classifiers').map((r) => r.origin)).toEqual(['worker-1', null]);
		});

		it('deletes documents left unused for 10 minutes, counting from their last use', async () => {
			const start = Date.parse('2026-11-02T10:00:00Z');
			fakeDateOnly(start);
			const bearer = await token();
			const idle = await upload(bearer, 'letter.pdf');
			const used = await upload(bearer, 'invoice.pdf');
			jest.setSystemTime(start + 9 * 60_000);
			expect((await api('GET', `/documents/${used.id}`, { token: bearer })).status).toBe(200);
			jest.setSystemTime(start + 10 * 60_000);
			expect((await api('GET', `/documents/${idle.id}`, { token: bearer })).status).toBe(404);
			expect((await api('GET', `/documents/${used.id}`, { token: bearer })).status).toBe(200);
			expect(fake.stats()).toMatchObject({ liveDocuments: 1, documentsExpired: 1, documentsDeleted: 1 });
		});
	});

	describe('import from URL', () => {
		let origin: InstanceType<typeof http.Server>;
		let originUrl: string;

		beforeAll(async () => {
			origin = http.createServer((req, res) => {
				if (req.url === '/invoice.pdf') res.end(fixture('invoice.pdf'));
				else if (req.url === '/moved') res.writeHead(302, { Location: '/invoice.pdf' }).end();
				else if (req.url === '/slow') res.writeHead(200).write('%PDF-1.4\n'); // never ends
				else res.writeHead(404).end('not here');
			});
			await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
			const address = origin.address() as { port: number };
			originUrl = `http://127.0.0.1:${address.port}`;
		});
		afterAll(async () => {
			origin.closeAllConnections();
			await new Promise((resolve) => origin.close(resolve));
		});

		const importUrl = async (url: unknown) =>
			api('POST', '/documents', { token: await token(), headers: JSON_TYPE, body: JSON.stringify({ url }) });

		it('downloads the file itself and answers 201', async () => {
			for (const url of [`${originUrl}/invoice.pdf`, `${originUrl}/moved`]) {
				const reply = await importUrl(url);
				expect(reply.status).toBe(201);
				expect(reply.json<DocumentResource>()._embedded.files[0]).toMatchObject({ file_type: 'PDF:Misc', sha256: sha256(fixture('invoice.pdf')) });
			}
		});

		it('answers 422 problem details for failed downloads, bad schemes, bad bodies and timeouts', async () => {
			fake.setConfig({ importTimeoutMs: 300 });
			const cases: [unknown, RegExp][] = [
				[`${originUrl}/missing.pdf`, /HTTP 404/],
				['ftp://127.0.0.1/file.pdf', /Only http and https/],
				[42, /string "url"/],
				[`${originUrl}/slow`, /did not finish within 0.3 seconds/],
			];
			for (const [url, detail] of cases) {
				const reply = await importUrl(url);
				expect(reply.status).toBe(422);
				expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
				const problem = reply.json<Problem>();
				expect(problem).toEqual({
					type: 'https://docs.aluma.io/problems/document-import-failed',
					title: 'The document could not be imported',
					status: 422,
					detail: expect.stringMatching(detail),
					instance: expect.stringMatching(/^urn:uuid:/),
				});
			}
			expect(fake.stats().liveDocuments).toBe(0);
		});
	});

	describe('reads', () => {
		it('refuses a read result before the read, then serves text, PDF and zip', async () => {
			const bearer = await token();
			const doc = await upload(bearer, 'invoice.pdf');
			const early = await api('GET', `/documents/${doc.id}/reads`, { token: bearer, headers: { Accept: 'text/plain' } });
			expect(early.status).toBe(400);
			expect(early.json()).toEqual({ message: 'The document has not been read' });

			const read = await api('PUT', `/documents/${doc.id}/reads`, { token: bearer });
			expect(read.status).toBe(200);
			expect(read.json()).toEqual({
				_links: { self: { href: `/documents/${doc.id}/reads`, method: 'PUT' }, parent: { href: `/documents/${doc.id}` } },
			});

			const text = await api('GET', `/documents/${doc.id}/reads`, { token: bearer, headers: { Accept: 'text/plain' } });
			expect(text.headers['content-type']).toMatch(/^text\/plain/);
			expect(text.text.split('\n')).toContain('Invoice Number: INV-1001');
			expect(text.text.split('\n')).toContain('Line: Copier paper A4 (box of 5) | 2 | 25.00 | 50.00');

			const pdf = await api('GET', `/documents/${doc.id}/reads`, { token: bearer, headers: { Accept: 'application/pdf' } });
			expect(pdf.headers['content-type']).toBe('application/pdf');
			expect(pdfLines(pdf.body)).toEqual(text.text.split('\n'));

			const zip = await api('GET', `/documents/${doc.id}/reads`, { token: bearer, headers: { Accept: READ_ZIP } });
			expect(zip.headers['content-type']).toBe(READ_ZIP);
			const entries = readZip(zip.body);
			expect(entries.map((e) => e.name)).toEqual(['document.json', 'text.txt']);
			expect(entries[1].data.toString('utf8')).toBe(text.text);
			const detail = JSON.parse(entries[0].data.toString('utf8')) as { document_id: string; page_count: number };
			expect(detail).toMatchObject({ document_id: doc.id, page_count: 1 });

			const other = await api('GET', `/documents/${doc.id}/reads`, { token: bearer, headers: { Accept: 'image/gif' } });
			expect(other.status).toBe(406);
		});

		it('"OCRs" images to a fixed text derived from their sha256', async () => {
			const bearer = await token();
			const doc = await upload(bearer, 'scan.tiff');
			await api('PUT', `/documents/${doc.id}/reads`, { token: bearer });
			const text = await api('GET', `/documents/${doc.id}/reads`, { token: bearer });
			expect(text.text).toBe(`Scanned page ${sha256(fixture('scan.tiff')).slice(0, 8)}`);
		});
	});

	describe('classification', () => {
		async function classify(bearer: string, name: string, classifier = 'mailroom') {
			const doc = await upload(bearer, name);
			return api('POST', `/documents/${doc.id}/classify/${classifier}`, { token: bearer });
		}

		it('classifies by keywords, deterministically, with descending scores', async () => {
			const bearer = await token();
			const expected: [string, string][] = [
				['invoice.pdf', 'Invoice'],
				['purchase-order.pdf', 'Purchase Order'],
				['letter.pdf', 'Letter'],
			];
			for (const [file, type] of expected) {
				const reply = await classify(bearer, file);
				expect(reply.status).toBe(200);
				const { document_id, classification_results: result } = reply.json<Classification>();
				expect(document_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
				expect([file, result.document_type, result.is_confident]).toEqual([file, type, true]);
				const scores = result.document_type_scores.map((s) => s.score);
				expect(scores).toEqual([...scores].sort((x, y) => y - x));
				expect(scores.every((s) => s >= 0 && s <= 100)).toBe(true);
				expect(result.relative_confidence).toBeGreaterThan(1);
			}
			const again = await classify(bearer, 'invoice.pdf');
			expect(again.json<Classification>().classification_results.document_type_scores).toEqual([
				{ document_type: 'Invoice', score: 85.7143 },
				{ document_type: 'Letter', score: 14.2857 },
				{ document_type: 'Purchase Order', score: 0 },
			]);
		});

		it('is not confident about a text marked AMBIGUOUS', async () => {
			const reply = await classify(await token(), 'ambiguous.pdf');
			expect(reply.json<Classification>().classification_results.is_confident).toBe(false);
		});

		it('answers 404 for an unknown classifier', async () => {
			const reply = await classify(await token(), 'letter.pdf', 'nope');
			expect(reply.status).toBe(404);
			expect(reply.json<LegacyError>().message).toContain('nope');
		});
	});

	describe('extraction', () => {
		async function extract(bearer: string, name: string, accept?: string, extractor = 'aluma.invoices.gb') {
			const doc = await upload(bearer, name);
			const headers: Record<string, string> = accept ? { Accept: accept } : {};
			return api('POST', `/documents/${doc.id}/extract/${extractor}`, { token: bearer, headers });
		}
		const field = (body: Extraction, name: string) => body.field_results.find((f) => f.field_name === name) as FieldResult;

		it('finds typed values, areas and table rows in an invoice', async () => {
			const reply = await extract(await token(), 'invoice.pdf');
			expect(reply.status).toBe(200);
			const body = reply.json<Extraction>();
			// Every field of the extractor, in its order, with its text and typed value (a table has no single result).
			expect(body.field_results.map((f) => [f.field_name, f.result && [f.result.text, f.result.value]])).toEqual([
				['Invoice Number', ['INV-1001', null]],
				['Invoice Date', ['2026-11-02', '2026-11-02']],
				['Supplier Name', ['ACME Supplies Ltd', null]],
				['Net Total', ['100.00', 100]],
				['Tax Total', ['20.00', 20]],
				['Gross Total', ['120.00', 120]],
				['Line Items', null],
			]);
			expect(field(body, 'Invoice Number')).toMatchObject({ rejected: false, reject_reason: 'None', alternatives: null, tabular_results: null });
			expect(field(body, 'Invoice Number').result?.areas).toEqual([{ top: 104, left: 168, bottom: 116, right: 216, page_number: 1 }]);
			const table = field(body, 'Line Items');
			expect(table.result).toBeNull();
			expect(table.tabular_results?.rows).toHaveLength(2);
			expect(table.tabular_results?.rows[0].cells).toEqual([
				{ column_name: 'Description', text: 'Copier paper A4 (box of 5)', value: null },
				{ column_name: 'Quantity', text: '2', value: 2 },
				{ column_name: 'Unit Price', text: '25.00', value: 25 },
				{ column_name: 'Amount', text: '50.00', value: 50 },
			]);
			expect(body.document).toEqual({ page_count: 1, pages: [{ page_number: 1, width: 595, height: 842 }] });
		});

		it('rejects missing fields as Empty with a null result', async () => {
			const body = (await extract(await token(), 'letter.pdf')).json<Extraction>();
			expect(field(body, 'Invoice Number')).toEqual({
				field_name: 'Invoice Number',
				rejected: true,
				reject_reason: 'Empty',
				result: null,
				alternatives: null,
				tabular_results: null,
			});
			expect(field(body, 'Line Items')).toMatchObject({ rejected: true, reject_reason: 'Empty', tabular_results: null });
		});

		it('switches to the Waives-era names alternative_results and page_sizes', async () => {
			fake.setConfig({ legacyFieldNames: true });
			const body = (await extract(await token(), 'invoice.pdf')).json<Extraction>();
			expect(body.document).toBeUndefined();
			expect(body.page_sizes).toEqual({ page_count: 1, pages: [{ page_number: 1, width: 595, height: 842 }] });
			expect(body.field_results.every((f) => 'alternative_results' in f && !('alternatives' in f))).toBe(true);
		});

		it('echoes the extractdata media type when asked for it', async () => {
			const reply = await extract(await token(), 'invoice.pdf', 'application/vnd.waives.resultformats.extractdata+json');
			expect(reply.headers['content-type']).toBe('application/vnd.waives.resultformats.extractdata+json');
		});

		it('returns a redaction request with one mark per found field area', async () => {
			const reply = await extract(await token(), 'invoice.pdf', REDACT_TYPE);
			expect(reply.status).toBe(200);
			const body = reply.json<RedactRequest>();
			expect(body.apply_marks).toBe(true);
			expect(body.bookmarks).toEqual([]);
			expect(body.marks.map((m) => m.name)).toEqual(['Invoice Number', 'Invoice Date', 'Supplier Name', 'Net Total', 'Tax Total', 'Gross Total']);
			expect(body.marks[0].area).toEqual({ top: 104, left: 168, bottom: 116, right: 216, page_number: 1 });
		});

		it('answers 404 for an unknown extractor', async () => {
			expect((await extract(await token(), 'invoice.pdf', undefined, 'nope')).status).toBe(404);
		});
	});

	describe('redaction', () => {
		async function redactRequest(bearer: string, name: string) {
			const doc = await upload(bearer, name);
			const request = await api('POST', `/documents/${doc.id}/extract/aluma.invoices.gb`, { token: bearer, headers: { Accept: REDACT_TYPE } });
			return { doc, request: request.json<RedactRequest>() };
		}

		it('burns marks in and returns a valid PDF saying what was redacted', async () => {
			const bearer = await token();
			const { doc, request } = await redactRequest(bearer, 'invoice.pdf');
			const reply = await api('POST', `/documents/${doc.id}/redact`, { token: bearer, headers: JSON_TYPE, body: JSON.stringify(request) });
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe('application/pdf');
			const lines = pdfLines(reply.body);
			expect(lines).toContain('Invoice Number: XXXXXXXX');
			expect(lines.join('\n')).not.toContain('INV-1001');
			expect(lines).toContain('Bill To: Example Customer plc');
			expect(lines[lines.length - 1]).toBe(
				'Redacted: 6 marks (applied): Invoice Number, Invoice Date, Supplier Name, Net Total, Tax Total, Gross Total',
			);
		});

		it('only annotates when apply_marks is false, and writes bookmarks', async () => {
			const bearer = await token();
			const { doc, request } = await redactRequest(bearer, 'invoice.pdf');
			const body = { marks: request.marks.slice(0, 2), apply_marks: false, bookmarks: [{ text: 'Totals', page_number: 1 }] };
			const reply = await api('POST', `/documents/${doc.id}/redact`, { token: bearer, headers: JSON_TYPE, body: JSON.stringify(body) });
			const lines = pdfLines(reply.body);
			expect(lines).toContain('Invoice Number: INV-1001');
			expect(lines[lines.length - 1]).toBe('Redacted: 2 marks (not applied): Invoice Number, Invoice Date');
			const src = reply.body.toString('latin1');
			expect(src.match(/\/Subtype \/Redact/g)).toHaveLength(2);
			expect(src).toContain('/Title (Totals)');
		});

		it('refuses documents not made from PDF or TIFF, bad JSON and bad schemas', async () => {
			const bearer = await token();
			const text = await upload(bearer, 'notes.txt');
			const notPdf = await api('POST', `/documents/${text.id}/redact`, { token: bearer, headers: JSON_TYPE, body: '{"marks":[]}' });
			expect(notPdf.status).toBe(422);
			expect(notPdf.json<Problem>().detail).toContain('Text:Plain');
			const pdf = await upload(bearer, 'invoice.pdf');
			const badJson = await api('POST', `/documents/${pdf.id}/redact`, { token: bearer, headers: JSON_TYPE, body: '{' });
			expect(badJson.status).toBe(400);
			const badSchema = await api('POST', `/documents/${pdf.id}/redact`, {
				token: bearer,
				headers: JSON_TYPE,
				body: JSON.stringify({ marks: [{ area: { top: 1, left: 1, bottom: 2, right: 2, page_number: 9 } }] }),
			});
			expect(badSchema.status).toBe(422);
			expect(badSchema.headers['content-type']).toMatch(/^application\/problem\+json/);
			expect(badSchema.json<Problem>().detail).toContain('page_number');
		});

		it('redacts a TIFF document', async () => {
			const bearer = await token();
			const doc = await upload(bearer, 'scan.tiff');
			const reply = await api('POST', `/documents/${doc.id}/redact`, { token: bearer, headers: JSON_TYPE, body: '{"marks":[]}' });
			expect(reply.status).toBe(200);
			expect(pdfLines(reply.body)).toContain('Redacted: 0 marks (applied)');
		});
	});

	describe('processing latency', () => {
		it('delays read, classify, extract and redact and tracks calls in flight', async () => {
			fake.setConfig({ latencyMs: 150 });
			const bearer = await token();
			const doc = await upload(bearer, 'invoice.pdf');
			const started = Date.now();
			const replies = await Promise.all([
				api('PUT', `/documents/${doc.id}/reads`, { token: bearer }),
				api('POST', `/documents/${doc.id}/classify/mailroom`, { token: bearer }),
				api('POST', `/documents/${doc.id}/extract/aluma.invoices.gb`, { token: bearer }),
			]);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
			expect(fake.stats()).toMatchObject({ inFlightProcessing: 0, peakInFlightProcessing: 3 });
		});
	});

	describe('classifiers', () => {
		it('round-trips create, list, get, train from a zip, add a sample, classify and delete', async () => {
			const bearer = await token();
			const created = await api('POST', '/classifiers/my-classifier', { token: bearer });
			expect(created.status).toBe(201);
			expect(created.json()).toMatchObject({ name: 'my-classifier', document_types: [], samples: 0 });
			expect((await api('POST', '/classifiers/my-classifier', { token: bearer })).status).toBe(409);
			expect((await api('POST', '/classifiers/bad name!', { token: bearer })).status).toBe(400);

			const list = (await api('GET', '/classifiers', { token: bearer })).json<{ classifiers: { name: string; _links: Record<string, Link> }[] }>();
			expect(list.classifiers.map((c) => c.name)).toEqual(['mailroom', 'my-classifier']);
			expect(list.classifiers[1]._links['classifier:add_sample']).toEqual({
				href: '/classifiers/my-classifier/sample/{document_type}',
				templated: true,
			});

			const trained = await api('POST', '/classifiers/my-classifier/samples', {
				token: bearer,
				headers: { 'Content-Type': 'application/zip' },
				body: fixture('samples.zip'),
			});
			expect(trained.status).toBe(200);
			expect(trained.json()).toEqual({
				name: 'my-classifier',
				document_types: [
					{ name: 'Invoice', samples_added: 2, samples: 2 },
					{ name: 'Letter', samples_added: 2, samples: 2 },
				],
				samples_added: 4,
				ignored: ['README.txt'],
			});
			const notZip = await api('POST', '/classifiers/my-classifier/samples', {
				token: bearer,
				headers: { 'Content-Type': 'application/zip' },
				body: 'not a zip',
			});
			expect(notZip.status).toBe(400);

			const sample = await api('POST', `/classifiers/my-classifier/sample/${encodeURIComponent('Purchase Order')}`, {
				token: bearer,
				body: fixture('purchase-order.pdf'),
			});
			expect(sample.json()).toEqual({ name: 'my-classifier', document_type: 'Purchase Order', samples: 1 });
			const detail = (await api('GET', '/classifiers/my-classifier', { token: bearer })).json<{ document_types: string[]; samples: number }>();
			expect(detail).toMatchObject({ document_types: ['Invoice', 'Letter', 'Purchase Order'], samples: 5 });

			const doc = await upload(bearer, 'invoice.pdf');
			const result = await api('POST', `/documents/${doc.id}/classify/my-classifier`, { token: bearer });
			expect(result.json<Classification>().classification_results.document_type).toBe('Invoice');

			expect((await api('DELETE', '/classifiers/my-classifier', { token: bearer })).status).toBe(204);
			expect((await api('GET', '/classifiers/my-classifier', { token: bearer })).status).toBe(404);
		});

		it('uploads a trained classifier only as a zip with the classifier media type', async () => {
			const bearer = await token();
			const clf = writeZip([{ name: 'Receipt/sample.txt', data: 'receipt' }]);
			const type = { 'Content-Type': 'application/vnd.waives.classifier+zip' };
			expect((await api('POST', '/classifiers/uploaded', { token: bearer, headers: type, body: 'plain text' })).status).toBe(400);
			const uploaded = await api('POST', '/classifiers/uploaded', { token: bearer, headers: type, body: clf });
			expect(uploaded.status).toBe(201);
			expect(uploaded.json()).toMatchObject({ name: 'uploaded', document_types: ['Receipt'] });
		});
	});

	describe('extractors and modules', () => {
		it('lists the documented modules with their parameters', async () => {
			const reply = await api('GET', '/modules', { token: await token() });
			const modules = reply.json<{ modules: { id: string; parameters: { id: string; required: boolean }[] }[] }>().modules;
			expect(modules.map((m) => m.id)).toEqual([
				'aluma.email_address',
				'aluma.invoice_amounts',
				'aluma.purchase_order',
				'aluma.supplier_identity',
				'aluma.invoice_type',
				'aluma.invoice_line_items',
				'aluma.name',
				'aluma.simple_text',
			]);
			const invoiceType = modules.find((m) => m.id === 'aluma.invoice_type');
			expect(invoiceType?.parameters).toEqual([
				expect.objectContaining({ id: 'receiving_country', required: true }),
				expect.objectContaining({ id: 'allow_debit_notes', required: false }),
				expect.objectContaining({ id: 'allow_claim_notes', required: false }),
			]);
		});

		it('round-trips an extractor built from modules, and uses it', async () => {
			const bearer = await token();
			const template = {
				modules: [
					{ id: 'aluma.invoice_amounts', field_aliases: [{ field: 'Gross Total', alias: 'Amount Due' }] },
					{ id: 'aluma.simple_text', arguments: { text: 'Bill To' } },
					{ id: 'aluma.email_address' },
				],
			};
			const created = await api('POST', '/extractors/invoice-totals', { token: bearer, headers: JSON_TYPE, body: JSON.stringify(template) });
			expect(created.status).toBe(201);
			expect(created.json()).toMatchObject({ name: 'invoice-totals', fields: ['Net Total', 'Tax Total', 'Amount Due', 'Text', 'Email'] });
			expect((await api('POST', '/extractors/invoice-totals', { token: bearer, headers: JSON_TYPE, body: JSON.stringify(template) })).status).toBe(409);
			const list = (await api('GET', '/extractors', { token: bearer })).json<{ extractors: { name: string }[] }>();
			expect(list.extractors.map((e) => e.name)).toEqual(['aluma.invoices.gb', 'invoice-totals']);

			const doc = await upload(bearer, 'invoice.pdf');
			const body = (await api('POST', `/documents/${doc.id}/extract/invoice-totals`, { token: bearer })).json<Extraction>();
			const values = Object.fromEntries(body.field_results.map((f) => [f.field_name, f.result?.value ?? f.result?.text]));
			expect(values).toEqual({
				'Net Total': 100,
				'Tax Total': 20,
				'Amount Due': 120,
				Text: 'Bill To: Example Customer plc',
				Email: 'accounts@acme-supplies.example',
			});

			expect((await api('DELETE', '/extractors/invoice-totals', { token: bearer })).status).toBe(204);
			expect((await api('GET', '/extractors/invoice-totals', { token: bearer })).status).toBe(404);
		});

		it('answers 422 problem details for unknown modules or missing required arguments', async () => {
			const bearer = await token();
			const cases: [object, RegExp][] = [
				[{ modules: [{ id: 'aluma.nonexistent' }] }, /unknown module id "aluma.nonexistent"/],
				[{ modules: [{ id: 'aluma.invoice_type' }] }, /needs the "receiving_country" argument/],
				[{ modules: [] }, /non-empty "modules"/],
			];
			for (const [template, detail] of cases) {
				const reply = await api('POST', '/extractors/broken', { token: bearer, headers: JSON_TYPE, body: JSON.stringify(template) });
				expect(reply.status).toBe(422);
				expect(reply.json<Problem>()).toMatchObject({ type: 'https://docs.aluma.io/problems/invalid-extractor-template', status: 422 });
				expect(reply.json<Problem>().detail).toMatch(detail);
			}
		});

		it('answers 400 with errors[].field for arguments whose type is not the declared one, and accepts the right types', async () => {
			const bearer = await token();
			const module = (args: object) => ({ modules: [{ id: 'aluma.email_address' }, { id: 'aluma.invoice_type', arguments: args }] });
			const wrong = await api('POST', '/extractors/typed', {
				token: bearer,
				headers: JSON_TYPE,
				body: JSON.stringify(module({ receiving_country: 'Germany', allow_debit_notes: 'true', allow_claim_notes: 1 })),
			});
			expect(wrong.status).toBe(400);
			expect(wrong.json<Problem & { errors: unknown }>()).toMatchObject({
				type: 'https://docs.aluma.io/problems/invalid-request',
				status: 400,
				errors: [
					{ field: 'modules[1].arguments.allow_debit_notes', detail: 'must be a boolean, not "true"' },
					{ field: 'modules[1].arguments.allow_claim_notes', detail: 'must be a boolean, not 1' },
				],
			});
			const country = await api('POST', '/extractors/typed', { token: bearer, headers: JSON_TYPE, body: JSON.stringify(module({ receiving_country: 7 })) });
			expect(country.json<{ errors: unknown }>().errors).toEqual([{ field: 'modules[1].arguments.receiving_country', detail: 'must be a string, not 7' }]);
			expect(fake.state.extractors.has('typed')).toBe(false);

			const right = await api('POST', '/extractors/typed', {
				token: bearer,
				headers: JSON_TYPE,
				body: JSON.stringify(module({ receiving_country: 'Germany', allow_debit_notes: true, allow_claim_notes: false })),
			});
			expect(right.status).toBe(201);
		});

		it('accepts a raw configuration file', async () => {
			const bearer = await token();
			const reply = await api('POST', '/extractors/from-config', { token: bearer, headers: OCTETS, body: Buffer.from('<fpxlc/>') });
			expect(reply.status).toBe(201);
			expect(reply.json()).toMatchObject({ name: 'from-config', fields: [], modules: null });
		});
	});

	describe('tasks', () => {
		const PROJECT = 'invoices-project-seed1';
		const start = Date.parse('2026-11-02T10:00:00Z');

		async function createTask(bearer: string, file = 'invoice.pdf', project = PROJECT, tags?: string) {
			const headers: Record<string, string> = { 'Content-Type': 'application/pdf' };
			if (tags) headers['X-Aluma-Tags'] = tags;
			return api('POST', `/tasks?project_id=${project}`, { token: bearer, headers, body: fixture(file) });
		}
		const getTask = async (bearer: string, id: string) => (await api('GET', `/tasks/${id}`, { token: bearer })).json<Task>();
		const action = (bearer: string, id: string, name: string, verb: string, body?: string) =>
			api('POST', `/tasks/${id}/client_actions/${name}/${verb}`, { token: bearer, headers: JSON_TYPE, body });

		it('lists the seeded project and uploads an .alproj', async () => {
			const bearer = await token();
			const projects = (await api('GET', '/projects', { token: bearer })).json<{ projects: Project[] }>().projects;
			expect(projects).toEqual([
				{ id: PROJECT, name: 'Invoices', created_at: '2026-01-05T09:30:00Z', client_actions: ['validation', 'export'] },
			]);
			const uploaded = await api('POST', '/projects', { token: bearer, headers: OCTETS, body: fixture('receipts.alproj') });
			expect(uploaded.status).toBe(201);
			const project = uploaded.json<Project>();
			expect(project).toMatchObject({ name: 'Receipts', client_actions: ['export'] });
			expect((await api('GET', `/projects/${project.id}`, { token: bearer })).json()).toEqual(project);
			expect((await api('DELETE', `/projects/${project.id}`, { token: bearer })).status).toBe(204);
			const missing = await api('GET', `/projects/${project.id}`, { token: bearer });
			expect(missing.status).toBe(404);
			expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
			expect((await api('POST', '/projects', { token: bearer, headers: JSON_TYPE, body: '{"nameless":true}' })).status).toBe(422);
		});

		it('runs a task through validation and export to completion, driven by Date.now', async () => {
			fakeDateOnly(start);
			const bearer = await token();
			const created = await createTask(bearer, 'invoice.pdf', PROJECT, 'task_name=AB%2039&file_name=00001.pdf&file_path=C:\\inbox&file_created_time=1711958908');
			expect(created.status).toBe(201);
			const task = created.json<Task>();
			expect(task).toEqual({
				id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
				name: 'AB 39',
				file_collection_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
				project_id: PROJECT,
				project_name: 'Invoices',
				created_at: '2026-11-02T10:00:00Z',
				documents_count: 0,
				state: 'queued',
				client_action: null,
			});
			expect(fake.state.tasks.get(task.id).tags).toEqual({
				task_name: 'AB 39',
				file_name: '00001.pdf',
				file_path: 'C:\\inbox',
				file_created_time: '1711958908',
			});

			jest.setSystemTime(start + 1000);
			expect((await getTask(bearer, task.id)).state).toBe('running');
			expect((await action(bearer, task.id, 'validation', 'start')).status).toBe(422);
			jest.setSystemTime(start + 2000);
			expect(await getTask(bearer, task.id)).toMatchObject({ state: 'pending:start_client_action', client_action: 'validation', documents_count: 1 });

			const pendingValidation = await api('GET', '/tasks?state=pending:start_client_action&client_action=validation', { token: bearer });
			expect(pendingValidation.json<{ tasks: Task[] }>().tasks.map((t) => t.id)).toEqual([task.id]);

			const wrong = await action(bearer, task.id, 'export', 'start');
			expect(wrong.status).toBe(422);
			expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
			expect(wrong.json<Problem>()).toMatchObject({ type: 'https://docs.aluma.io/problems/invalid-task-state', status: 422 });

			const validation = await action(bearer, task.id, 'validation', 'start');
			expect(validation.status).toBe(200);
			const vspec = validation.json<ValidationSpecification>();
			expect(vspec).toMatchObject({ task_id: task.id, action: 'validation', documents: [{ document_type: 'Invoice', is_confident: true }] });
			expect(vspec.documents[0].fields).toContainEqual({ name: 'Invoice Number', value: 'INV-1001', text: 'INV-1001', rejected: false, reject_reason: 'None' });
			expect((await getTask(bearer, task.id)).state).toBe('pending:complete_client_action');

			const corrected = JSON.stringify({ documents: [{ fields: { 'Invoice Number': 'INV-1001-A' } }] });
			expect((await action(bearer, task.id, 'validation', 'complete', corrected)).json<Task>()).toMatchObject({
				state: 'pending:start_client_action',
				client_action: 'export',
			});

			const exported = await action(bearer, task.id, 'export', 'start');
			const spec = exported.json<ExportSpecification>();
			expect(spec).toMatchObject({ task_id: task.id, action: 'export', project_id: PROJECT });
			expect(spec.documents[0].document_type).toBe('Invoice');
			expect(spec.documents[0].fields).toMatchObject({ 'Invoice Number': 'INV-1001-A', 'Gross Total': 120, 'Invoice Date': '2026-11-02' });
			expect(spec.documents[0].fields['Line Items']).toEqual([
				{ Description: 'Copier paper A4 (box of 5)', Quantity: 2, 'Unit Price': 25, Amount: 50 },
				{ Description: 'Toner cartridge', Quantity: 1, 'Unit Price': 50, Amount: 50 },
			]);
			const files = spec.documents[0].files;
			expect(files.map((f) => [f.name, f.content_type])).toEqual([
				['AB 39', 'application/pdf'],
				['AB 39.pdf', 'application/pdf'],
				['AB 39.json', 'application/json'],
			]);
			const original = await api('GET', files[0].href, { token: bearer });
			expect(original.body.equals(fixture('invoice.pdf'))).toBe(true);
			expect(pdfLines((await api('GET', files[1].href, { token: bearer })).body)).toContain('Gross Total: 120.00');

			const completed = await action(bearer, task.id, 'export', 'complete');
			expect(completed.json<Task>()).toMatchObject({ state: 'completed', client_action: null });
			expect((await api('GET', files[0].href, { token: bearer })).status).toBe(404);
			expect((await action(bearer, task.id, 'export', 'complete')).status).toBe(422);

			// Final tasks stay listed for 72 hours (the 24-hour token needs renewing by then).
			jest.setSystemTime(start + 2000 + 71 * 3600_000);
			const later = await token();
			expect((await api('GET', '/tasks?state=completed', { token: later })).json<{ tasks: Task[] }>().tasks).toHaveLength(1);
			jest.setSystemTime(start + 2000 + 72 * 3600_000);
			expect((await api('GET', '/tasks', { token: later })).json<{ tasks: Task[] }>().tasks).toHaveLength(0);
			expect((await api('GET', `/tasks/${task.id}`, { token: later })).status).toBe(404);
		});

		it('cancels, times out and fails client actions', async () => {
			fakeDateOnly(start);
			const bearer = await token();
			const project = (await api('POST', '/projects', { token: bearer, body: fixture('receipts.alproj') })).json<Project>();
			const task = (await createTask(bearer, 'letter.pdf', project.id)).json<Task>();
			expect(fake.advanceTask(task.id)).toMatchObject({ state: 'running' });
			expect(fake.advanceTask(task.id)).toMatchObject({ state: 'pending:start_client_action', client_action: 'export' });

			await action(bearer, task.id, 'export', 'start');
			expect((await action(bearer, task.id, 'export', 'cancel')).json<Task>().state).toBe('pending:start_client_action');

			await action(bearer, task.id, 'export', 'start');
			jest.setSystemTime(start + 30 * 60_000);
			expect((await getTask(bearer, task.id)).state).toBe('pending:start_client_action');

			await action(bearer, task.id, 'export', 'start');
			expect((await action(bearer, task.id, 'export', 'fail', '{}')).status).toBe(422);
			const failed = await action(bearer, task.id, 'export', 'fail', JSON.stringify({ message: 'ERP rejected the invoice' }));
			expect(failed.json<Task>()).toMatchObject({ state: 'failed', client_action: null });
		});

		it('lists oldest first with state, client_action and project_id filters', async () => {
			fakeDateOnly(start);
			const bearer = await token();
			const first = (await createTask(bearer)).json<Task>();
			jest.setSystemTime(start + 10);
			const second = (await createTask(bearer)).json<Task>();
			fake.advanceTask(second.id, 'pending:start_client_action');
			const all = (await api('GET', '/tasks', { token: bearer })).json<{ tasks: Task[] }>().tasks;
			expect(all.map((t) => t.id)).toEqual([first.id, second.id]);
			const queued = (await api('GET', '/tasks?state=queued', { token: bearer })).json<{ tasks: Task[] }>().tasks;
			expect(queued.map((t) => t.id)).toEqual([first.id]);
			const other = (await api('GET', '/tasks?project_id=someone-else', { token: bearer })).json<{ tasks: Task[] }>().tasks;
			expect(other).toEqual([]);
		});

		it('answers problem details for an unknown project or an empty file, and fails unsupported files later', async () => {
			const bearer = await token();
			const unknown = await createTask(bearer, 'invoice.pdf', 'no-such-project');
			expect(unknown.status).toBe(404);
			expect(unknown.json<Problem>().type).toBe('https://docs.aluma.io/problems/project-not-found');
			const empty = await api('POST', `/tasks?project_id=${PROJECT}`, { token: bearer, body: '' });
			expect(empty.status).toBe(400);
			expect(empty.headers['content-type']).toMatch(/^application\/problem\+json/);
			const binary = await api('POST', `/tasks?project_id=${PROJECT}`, { token: bearer, body: Buffer.from([0, 1, 2, 0xff]) });
			const id = binary.json<Task>().id;
			fake.advanceTask(id);
			expect(fake.advanceTask(id)).toMatchObject({ state: 'failed' });
		});
	});

	describe('faults', () => {
		it('answers an injected status with Retry-After, then recovers, consuming faults in order', async () => {
			const bearer = await token();
			fake.injectFault({ method: 'POST', path: '^/documents$', times: 2, kind: 'status', status: 503, retryAfter: '2' });
			fake.injectFault({ path: '^/documents$', kind: 'status', status: 500, format: 'problem' });
			const replies = [];
			for (let i = 0; i < 4; i++) replies.push(await api('POST', '/documents', { token: bearer, body: fixture('letter.pdf') }));
			expect(replies.map((r) => r.status)).toEqual([503, 503, 500, 201]);
			expect(replies[0].headers['retry-after']).toBe('2');
			expect(replies[0].json()).toEqual({ message: 'Service Unavailable' });
			expect(replies[2].json<Problem>()).toMatchObject({ status: 500, title: 'Internal Server Error' });
			expect(fake.requests().slice(1).map((r) => [r.status, r.fault])).toEqual([
				[503, 'status'],
				[503, 'status'],
				[500, 'status'],
				[201, null],
			]);
			expect(fake.stats()).toMatchObject({ faultsApplied: 3, documentsCreated: 1 });
		});

		it('only hits matching method and path', async () => {
			const bearer = await token();
			fake.injectFault({ method: 'DELETE', kind: 'status', status: 502 });
			expect((await api('GET', '/documents', { token: bearer })).status).toBe(200);
			expect(fake.faults()).toHaveLength(1);
		});

		it('resets the connection without a response', async () => {
			const bearer = await token();
			fake.injectFault({ path: '^/documents', kind: 'reset' });
			await expect(api('GET', '/documents', { token: bearer })).rejects.toMatchObject({ code: 'ECONNRESET' });
			expect(fake.requests().at(-1)).toMatchObject({ status: 0, fault: 'reset' });
		});

		it('sends malformed JSON, an HTML proxy page or an empty body', async () => {
			const bearer = await token();
			fake.injectFault({ kind: 'malformed-json' });
			fake.injectFault({ kind: 'html' });
			fake.injectFault({ kind: 'empty' });
			const malformed = await api('GET', '/documents', { token: bearer });
			expect([malformed.status, malformed.headers['content-type'], malformed.text]).toEqual([200, 'application/json; charset=utf-8', '{"oops"']);
			const html = await api('GET', '/documents', { token: bearer });
			expect([html.status, html.headers['content-type']]).toEqual([502, 'text/html']);
			expect(html.text).toContain('<h1>502 Bad Gateway</h1>');
			const empty = await api('GET', '/documents', { token: bearer });
			expect([empty.status, empty.headers['content-type'], empty.body.length]).toEqual([200, 'application/json; charset=utf-8', 0]);
		});

		it('faults the token endpoint with kind "token" and leaves API routes alone', async () => {
			fake.injectFault({ kind: 'token', status: 500 });
			const bearer = await token().catch(() => '');
			expect(bearer).toBe('');
			expect(fake.stats()).toMatchObject({ tokenRequests: 1, tokenFailures: 1, tokenExchanges: 0 });
			expect((await api('GET', '/documents', { token: await token() })).status).toBe(200);
		});

		it('hangs until close(), which still resolves promptly', async () => {
			const own = await startFakeAluma({ clientId: 'c', clientSecret: 's' });
			own.injectFault({ kind: 'hang' });
			const pending = call(own.url, 'GET', '/documents');
			const outcome = pending.then(
				(reply) => `answered ${reply.status}`,
				(error: NodeJS.ErrnoException) => error.code,
			);
			while (own.requests().length === 0) await sleep(5);
			await sleep(50);
			expect(own.requests()[0]).toMatchObject({ status: null, fault: 'hang' });
			const closing = Date.now();
			await own.close();
			expect(Date.now() - closing).toBeLessThan(1000);
			expect(await outcome).toBe('ECONNRESET');
		});
	});

	describe('admin routes', () => {
		it('exposes stats, requests, faults, config, documents, token revocation, task advance and reset over HTTP', async () => {
			const admin = (method: string, urlPath: string, body?: object) =>
				api(method, urlPath, { headers: JSON_TYPE, body: body ? JSON.stringify(body) : undefined });
			const bearer = await token();
			const doc = await upload(bearer, 'invoice.pdf');

			const docs = (await admin('GET', '/__admin/documents')).json<{ documents: { id: string; file_type: string; read: boolean }[] }>();
			expect(docs.documents).toEqual([expect.objectContaining({ id: doc.id, file_type: 'PDF:Misc', read: false })]);
			expect((await admin('GET', '/__admin/stats')).json()).toMatchObject({ requests: 2, liveDocuments: 1 });
			expect((await admin('GET', '/__admin/requests')).json<{ requests: object[] }>().requests).toHaveLength(2);

			const config = await admin('POST', '/__admin/config', { documentCap: 5 });
			expect(config.json()).toMatchObject({ config: { documentCap: 5, clientSecret: '(set)' } });
			expect((await admin('POST', '/__admin/config', { noSuchKey: 1 })).status).toBe(400);

			expect((await admin('POST', '/__admin/faults', { kind: 'status', status: 429, retryAfter: '1' })).status).toBe(200);
			const limited = await api('GET', '/documents', { token: bearer });
			expect([limited.status, limited.headers['retry-after']]).toEqual([429, '1']);
			expect((await admin('POST', '/__admin/faults', { kind: 'bogus' })).status).toBe(400);

			const task = (
				await api('POST', '/tasks?project_id=invoices-project-seed1', { token: bearer, body: fixture('letter.pdf') })
			).json<Task>();
			expect((await admin('POST', `/__admin/tasks/${task.id}/advance`)).json()).toMatchObject({ state: 'running' });
			expect((await admin('POST', `/__admin/tasks/${task.id}/advance`, { to: 'canceled' })).json()).toMatchObject({ state: 'canceled' });

			expect((await admin('POST', '/__admin/revoke-tokens')).json()).toEqual({ revoked: 1 });
			expect((await api('GET', '/documents', { token: bearer })).status).toBe(401);

			expect((await admin('POST', '/__admin/reset')).status).toBe(200);
			expect(fake.stats()).toMatchObject({ requests: 0, liveDocuments: 0, tokenExchanges: 0 });
			expect(fake.state.config.documentCap).toBe(30);
		});
	});

	describe('server lifecycle', () => {
		it('closes promptly with an idle keep-alive connection open', async () => {
			const own = await startFakeAluma({});
			const agent = new http.Agent({ keepAlive: true });
			await call(own.url, 'GET', '/documents', { agent });
			const closing = Date.now();
			await own.close();
			expect(Date.now() - closing).toBeLessThan(1000);
			agent.destroy();
		});

		it('runs from the command line, prints one ready line and exits cleanly on SIGTERM', async () => {
			const child = childProcess.spawn(process.execPath, [CLI_PATH, '--port', '0', '--client-id', 'demo-client', '--client-secret', 'demo-secret'], {
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			const ready = new Promise<string>((resolve, reject) => {
				child.stdout?.on('data', (chunk: Buffer) => {
					stdout += chunk.toString('utf8');
					if (stdout.includes('\n')) resolve(stdout);
				});
				child.on('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
			});
			const line = await ready;
			const match = /^fake-aluma listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(line);
			expect(match).not.toBeNull();
			const reply = await call(match?.[1] ?? '', 'POST', '/oauth/token', { headers: FORM, body: 'client_id=demo-client&client_secret=demo-secret' });
			expect(reply.status).toBe(200);
			const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
			child.kill('SIGTERM');
			expect(await exited).toEqual([0, null]);
			expect(stdout).toBe(line);
		});
	});
});
