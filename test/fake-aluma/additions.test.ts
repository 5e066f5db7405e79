/**
 * The fake's answers for what the second reading of Aluma's material added (aluma-api.md §8): the
 * token answer's shapes, table cells as objects or strings, the project listing switch, the
 * Suggestions API, and the strict bodies of Complete and Cancel.
 * Run: npx jest test/fake-aluma/additions.test.ts
 */
import { startFakeAluma } from './index';
import { FIXTURES_DIR } from './paths';
import { fs, path } from '../support/node';
import type { CallOptions } from './support/call';
import { call } from './support/call';

type FakeAluma = Awaited<ReturnType<typeof startFakeAluma>>;

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const CREDENTIALS = 'client_id=test-client&client_secret=test-secret';

let fake: FakeAluma;

beforeAll(async () => {
	fake = await startFakeAluma({ clientId: 'test-client', clientSecret: 'test-secret' });
});
afterAll(async () => await fake.close());
beforeEach(() => fake.reset());

const issue = async () => (await call(fake.url, 'POST', '/oauth/token', { headers: FORM, body: CREDENTIALS })).json<Record<string, unknown>>();

/** An API call with a fresh Bearer token. */
async function api(method: string, urlPath: string, options: CallOptions = {}) {
	const token = String((await issue()).access_token);
	return await call(fake.url, method, urlPath, { ...options, token });
}

/** Uploads a fixture as a document; returns its id. */
async function upload(name: string): Promise<string> {
	const reply = await api('POST', '/documents', { headers: { 'Content-Type': 'application/pdf' }, body: fs.readFileSync(path.join(FIXTURES_DIR, name)) });
	expect(reply.status).toBe(201);
	return reply.json<{ id: string }>().id;
}

describe('token answer', () => {
	const classifiers = async (authorization: string) =>
		(await call(fake.url, 'GET', '/classifiers', { headers: { Authorization: authorization } })).status;

	it('answers the configured token_type and expects that scheme, in any case', async () => {
		fake.setConfig({ tokenType: 'bearer' });
		const body = await issue();

		expect(body).toEqual({ access_token: body.access_token, token_type: 'bearer', expires_in: 86400 });
		expect(await classifiers(`Bearer ${String(body.access_token)}`)).toBe(200);
		expect(await classifiers(`Token ${String(body.access_token)}`)).toBe(401);
	});

	it('can issue tokens of another scheme, refused under Bearer', async () => {
		fake.setConfig({ tokenType: 'Token' });
		const body = await issue();

		expect(body.token_type).toBe('Token');
		expect(await classifiers(`Token ${String(body.access_token)}`)).toBe(200);
		expect(await classifiers(`Bearer ${String(body.access_token)}`)).toBe(401);
	});

	it('expects Bearer when it leaves token_type out, whatever tokenType says', async () => {
		fake.setConfig({ tokenType: 'Token', omitTokenType: true });
		const body = await issue();

		expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in']);
		expect(await classifiers(`Bearer ${String(body.access_token)}`)).toBe(200);
	});

	it('can send expires_in as a numeric string', async () => {
		fake.setConfig({ expiresInAsString: true, tokenLifetimeSeconds: 600 });

		expect((await issue()).expires_in).toBe('600');
	});
});

describe('table cells', () => {
	type Tabular = { columns?: string[]; rows: { cells: unknown[] }[] };
	const lineItems = async () => {
		const id = await upload('invoice.pdf');
		const reply = await api('POST', `/documents/${id}/extract/aluma.invoices.gb`);
		expect(reply.status).toBe(200);
		const fields = reply.json<{ field_results: { field_name: string; tabular_results: Tabular | null }[] }>().field_results;
		return fields.find((field) => field.field_name === 'Line Items')?.tabular_results;
	};

	it('answers cell objects by default', async () => {
		expect((await lineItems())?.rows[0].cells[0]).toEqual({ column_name: 'Description', text: 'Copier paper A4 (box of 5)', value: null });
	});

	it("answers plain string cells named by a column list with tableCells 'strings'", async () => {
		fake.setConfig({ tableCells: 'strings' });

		expect(await lineItems()).toEqual({
			columns: ['Description', 'Quantity', 'Unit Price', 'Amount'],
			rows: [{ cells: ['Copier paper A4 (box of 5)', '2', '25.00', '50.00'] }, { cells: ['Toner cartridge', '1', '50.00', '50.00'] }],
		});
	});

	it('refuses another table shape in its config', () => {
		expect(() => fake.setConfig({ tableCells: 'rows' as never })).toThrow("config \"tableCells\" must be 'objects' or 'strings'");
	});
});

describe('project listing switch', () => {
	it('lists projects by default', async () => {
		const reply = await api('GET', '/projects');
		expect(reply.status).toBe(200);
		expect(reply.json<{ projects: { id: string }[] }>().projects.map((project) => project.id)).toEqual(['invoices-project-seed1']);
	});

	it('answers 404 or 405 (with Allow: POST) when an admin turns listing off, and still serves one project by ID', async () => {
		const admin = await call(fake.url, 'POST', '/__admin/config', { headers: { 'Content-Type': 'application/json' }, body: '{"projectListStatus":404}' });
		expect(admin.status).toBe(200);
		expect((await api('GET', '/projects')).status).toBe(404);

		fake.setConfig({ projectListStatus: 405 });
		const refused = await api('GET', '/projects');
		expect([refused.status, refused.headers.allow]).toEqual([405, 'POST']);
		expect((await api('GET', '/projects/invoices-project-seed1')).status).toBe(200);
	});

	it('refuses other statuses in its config', async () => {
		const admin = await call(fake.url, 'POST', '/__admin/config', { headers: { 'Content-Type': 'application/json' }, body: '{"projectListStatus":500}' });
		expect([admin.status, admin.json<{ message: string }>().message]).toEqual([400, 'config "projectListStatus" must be 200, 404 or 405']);
	});
});

describe('suggestions', () => {
	const JSON_TYPE = { 'Content-Type': 'application/json' };
	type Problem = { status: number; title: string; detail: string };

	it('answers primary and alternative file names and folders, and the elements, for a context', async () => {
		const id = await upload('invoice.pdf');

		const reply = await api('POST', `/documents/${id}/suggestions`, { headers: JSON_TYPE, body: '{"context":"u1"}' });

		expect(reply.status).toBe(200);
		expect(reply.json()).toEqual({
			document_id: id,
			primary: { file_name: '2026-11-02 ACME Supplies Ltd INV-1001', folder: null },
			alternative: { file_name: 'Invoice INV-1001', folder: null },
			elements: { document_type: 'Invoice', supplier: 'ACME Supplies Ltd', reference: 'INV-1001', date: '2026-11-02' },
		});
	});

	it.each([
		['no body', undefined],
		['a body that is not JSON', 'context=u1'],
		['an empty context', '{"context":"  "}'],
		['a context that is not a string', '{"context":7}'],
		['a JSON array', '["u1"]'],
	])('answers 400 "no context was specified" for %s', async (_, body) => {
		const id = await upload('invoice.pdf');

		const reply = await api('POST', `/documents/${id}/suggestions`, { headers: JSON_TYPE, body });

		expect([reply.status, reply.json<Problem>().detail]).toEqual([400, 'No context was specified.']);
	});

	it('answers 404 "The specified Document does not exist" for an unknown document, on both routes', async () => {
		for (const route of ['suggestions', 'suggestion_results']) {
			const reply = await api('POST', `/documents/nope/${route}`, { headers: JSON_TYPE, body: '{"context":"u1","folder_id":"f"}' });
			expect([reply.status, reply.json<Problem>().title]).toEqual([404, 'The specified Document does not exist']);
		}
	});

	it('stores a result strictly (context and folder_id required, file_name a string) and learns from it per context', async () => {
		const id = await upload('invoice.pdf');
		const store = (body: string) => api('POST', `/documents/${id}/suggestion_results`, { headers: JSON_TYPE, body });

		expect((await store('{"context":"u1"}')).json<Problem>().detail).toBe('No folder_id was specified.');
		expect((await store('{"folder_id":"f"}')).json<Problem>().detail).toBe('No context was specified.');
		expect((await store('{"context":"u1","folder_id":"f","file_name":3}')).status).toBe(400);
		expect((await store('{"context":"u1","folder_id":"fld-old"}')).status).toBe(204);
		expect((await store('{"context":"u1","folder_id":"fld-acme","file_name":"a"}')).status).toBe(204);

		const suggest = async (context: string) =>
			(await api('POST', `/documents/${id}/suggestions`, { headers: JSON_TYPE, body: JSON.stringify({ context }) })).json<Record<string, { folder: unknown }>>();
		const learnt = await suggest('u1');
		expect([learnt.primary.folder, learnt.alternative.folder]).toEqual([
			{ folder_id: 'fld-acme', reason: 'learnt' },
			{ folder_id: 'fld-old', reason: 'learnt' },
		]);
		expect((await suggest('u2')).primary.folder).toBeNull();
		expect(fake.state.suggestionResults.map((result) => result.folder_id)).toEqual(['fld-old', 'fld-acme']);
	});
});

describe('client action bodies', () => {
	const JSON_TYPE = { 'Content-Type': 'application/json' };
	type Problem = { status: number; title: string };

	/** A task of the seeded project (validation, then export) waiting for `action`, already started. */
	async function started(action: 'validation' | 'export'): Promise<string> {
		const created = await api('POST', '/tasks?project_id=invoices-project-seed1', { headers: { 'Content-Type': 'application/pdf' }, body: fs.readFileSync(path.join(FIXTURES_DIR, 'invoice.pdf')) });
		const id = created.json<{ id: string }>().id;
		fake.advanceTask(id, 'pending:start_client_action');
		if (action === 'export') {
			expect((await api('POST', `/tasks/${id}/client_actions/validation/start`)).status).toBe(200);
			expect((await api('POST', `/tasks/${id}/client_actions/validation/complete`, { headers: JSON_TYPE, body: '{}' })).status).toBe(200);
		}
		expect((await api('POST', `/tasks/${id}/client_actions/${action}/start`)).status).toBe(200);
		return id;
	}

	it.each(['complete', 'cancel'])('answers 400 to an export %s with a body, and accepts one without', async (step) => {
		const id = await started('export');

		const refused = await api('POST', `/tasks/${id}/client_actions/export/${step}`, { headers: JSON_TYPE, body: '{}' });
		expect([refused.status, refused.json<Problem>().title]).toEqual([400, 'An export action takes an empty body']);
		expect((await api('POST', `/tasks/${id}/client_actions/export/${step}`)).status).toBe(200);
	});

	it.each([
		['no body', undefined],
		['a JSON array', '[]'],
		['a JSON string', '"ok"'],
	])('answers 400 to a validation complete with %s', async (_, body) => {
		const id = await started('validation');

		const refused = await api('POST', `/tasks/${id}/client_actions/validation/complete`, { headers: JSON_TYPE, body });

		expect([refused.status, refused.json<Problem>().title]).toEqual([400, 'A validation action needs a Validation Results object']);
		expect(fake.task(id)).toMatchObject({ state: 'pending:complete_client_action' });
	});

	it('keeps every body received, in order, for GET /__admin/tasks/:id; the export carries the completed results', async () => {
		const id = await started('validation');
		const draft = { documents: [{ fields: { 'Invoice Number': 'INV-DRAFT' } }] };
		const final = { documents: [{ document_type: 'Invoice', fields: { 'Invoice Number': 'INV-1001-A' } }] };

		expect((await api('POST', `/tasks/${id}/client_actions/validation/cancel`, { headers: JSON_TYPE, body: JSON.stringify(draft) })).status).toBe(200);
		expect((await api('POST', `/tasks/${id}/client_actions/validation/start`)).status).toBe(200);
		expect((await api('POST', `/tasks/${id}/client_actions/validation/complete`, { headers: JSON_TYPE, body: JSON.stringify(final) })).status).toBe(200);

		const admin = await call(fake.url, 'GET', `/__admin/tasks/${id}`);
		expect(admin.json()).toMatchObject({
			id,
			state: 'pending:start_client_action',
			client_action: 'export',
			client_action_bodies: [
				{ step: 'cancel', action: 'validation', body: draft },
				{ step: 'complete', action: 'validation', body: final },
			],
		});
		const exported = await api('POST', `/tasks/${id}/client_actions/export/start`);
		expect(exported.json<{ documents: { fields: Record<string, unknown> }[] }>().documents[0].fields['Invoice Number']).toBe('INV-1001-A');
	});

	it('answers 400 on the admin route for an unknown task', async () => {
		expect((await call(fake.url, 'GET', '/__admin/tasks/nope')).status).toBe(400);
	});
});
