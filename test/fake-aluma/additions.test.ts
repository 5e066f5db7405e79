/**
 * The fake's answers for what the second reading of Aluma's material added (Aluma's public docs): the
 * token answer's shapes, table cells as objects or strings, and the project listing switch. The
 * Suggestions API and the bodies of Complete and Cancel have their own files.
 * Run: npx jest test/fake-aluma/additions.test.ts
 */
import { readPdfText } from './pdf';
import { call } from '../support/fakeCall';
import { useFake } from '../support/fakeFixture';

const aluma = useFake();

describe('token answer', () => {
	const classifiers = async (authorization: string) =>
		(await call(aluma.fake.url, 'GET', '/classifiers', { headers: { Authorization: authorization } })).status;

	it('answers the configured token_type and expects that scheme, in any case', async () => {
		aluma.fake.setConfig({ tokenType: 'bearer' });
		const body = await aluma.issue();

		expect(body).toEqual({ access_token: body.access_token, token_type: 'bearer', expires_in: 86400 });
		expect(await classifiers(`Bearer ${String(body.access_token)}`)).toBe(200);
		expect(await classifiers(`Token ${String(body.access_token)}`)).toBe(401);
	});

	it('can issue tokens of another scheme, refused under Bearer', async () => {
		aluma.fake.setConfig({ tokenType: 'Token' });
		const body = await aluma.issue();

		expect(body.token_type).toBe('Token');
		expect(await classifiers(`Token ${String(body.access_token)}`)).toBe(200);
		expect(await classifiers(`Bearer ${String(body.access_token)}`)).toBe(401);
	});

	it('expects Bearer when it leaves token_type out, whatever tokenType says', async () => {
		aluma.fake.setConfig({ tokenType: 'Token', omitTokenType: true });
		const body = await aluma.issue();

		expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in']);
		expect(await classifiers(`Bearer ${String(body.access_token)}`)).toBe(200);
	});

	it('can send expires_in as a numeric string', async () => {
		aluma.fake.setConfig({ expiresInAsString: true, tokenLifetimeSeconds: 600 });

		expect((await aluma.issue()).expires_in).toBe('600');
	});
});

describe('table cells', () => {
	type Tabular = { columns?: string[]; rows: { cells: unknown[] }[] };
	const lineItems = async () => {
		const id = await aluma.upload('invoice.pdf');
		const reply = await aluma.api('POST', `/documents/${id}/extract/aluma.invoices.gb`);
		expect(reply.status).toBe(200);
		const fields = reply.json<{ field_results: { field_name: string; tabular_results: Tabular | null }[] }>().field_results;
		return fields.find((field) => field.field_name === 'Line Items')?.tabular_results;
	};

	it('answers cell objects by default', async () => {
		expect((await lineItems())?.rows[0].cells[0]).toEqual({ column_name: 'Description', text: 'Copier paper A4 (box of 5)', value: null });
	});

	it("answers plain string cells named by a column list with tableCells 'strings'", async () => {
		aluma.fake.setConfig({ tableCells: 'strings' });

		expect(await lineItems()).toEqual({
			columns: ['Description', 'Quantity', 'Unit Price', 'Amount'],
			rows: [{ cells: ['Copier paper A4 (box of 5)', '2', '25.00', '50.00'] }, { cells: ['Toner cartridge', '1', '50.00', '50.00'] }],
		});
	});

	it('refuses another table shape in its config', () => {
		expect(() => aluma.fake.setConfig({ tableCells: 'rows' as never })).toThrow("config \"tableCells\" must be 'objects' or 'strings'");
	});
});

describe('project listing switch', () => {
	it('lists projects by default', async () => {
		const reply = await aluma.api('GET', '/projects');
		expect(reply.status).toBe(200);
		expect(reply.json<{ projects: { id: string }[] }>().projects.map((project) => project.id)).toEqual(['invoices-project-seed1']);
	});

	it('answers 404 or 405 (with Allow: POST) when an admin turns listing off, and still serves one project by ID', async () => {
		const admin = await call(aluma.fake.url, 'POST', '/__admin/config', { headers: { 'Content-Type': 'application/json' }, body: '{"projectListStatus":404}' });
		expect(admin.status).toBe(200);
		expect((await aluma.api('GET', '/projects')).status).toBe(404);

		aluma.fake.setConfig({ projectListStatus: 405 });
		const refused = await aluma.api('GET', '/projects');
		expect([refused.status, refused.headers.allow]).toEqual([405, 'POST']);
		expect((await aluma.api('GET', '/projects/invoices-project-seed1')).status).toBe(200);
	});

	it('refuses other statuses in its config', async () => {
		const admin = await call(aluma.fake.url, 'POST', '/__admin/config', { headers: { 'Content-Type': 'application/json' }, body: '{"projectListStatus":500}' });
		expect([admin.status, admin.json<{ message: string }>().message]).toEqual([400, 'config "projectListStatus" must be 200, 404 or 405']);
	});
});

describe('large searchable PDFs (readPdfPaddingBytes)', () => {
	it('grows the read result by the padding, with an exact Content-Length, and keeps its pages and text', async () => {
		const id = await aluma.upload('invoice.pdf');
		const token = String((await aluma.issue()).access_token);
		await call(aluma.fake.url, 'PUT', `/documents/${id}/reads`, { token });
		const plain = await call(aluma.fake.url, 'GET', `/documents/${id}/reads`, { token, headers: { Accept: 'application/pdf' } });
		aluma.fake.setConfig({ readPdfPaddingBytes: 3 * 1024 * 1024 + 5 });
		const grown = await call(aluma.fake.url, 'GET', `/documents/${id}/reads`, { token, headers: { Accept: 'application/pdf' } });

		expect(grown.status).toBe(200);
		expect(Number(grown.headers['content-length'])).toBe(grown.body.length);
		expect(grown.body.length).toBeGreaterThan(plain.body.length + 3 * 1024 * 1024);
		expect(grown.body.subarray(0, plain.body.length)).toEqual(plain.body);
		expect(readPdfText(grown.body)).toEqual(readPdfText(plain.body));
		expect(grown.body.toString('latin1')).toMatch(/trailer\n<< \/Size \d+ \/Prev \d+ \/Root 1 0 R >>\nstartxref\n\d+\n%%EOF\n$/);
	});
});
