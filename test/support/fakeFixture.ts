/**
 * One fake Aluma server per test file (reset before each test) and the calls its own tests make:
 * a token exchange, an API call with a fresh token, a fixture uploaded as a document.
 */
import { startFakeAluma } from '../fake-aluma/index';
import { FIXTURES_DIR } from '../fake-aluma/paths';
import { fs, path } from './node';
import type { CallOptions, Reply } from './fakeCall';
import { call } from './fakeCall';

type FakeAluma = Awaited<ReturnType<typeof startFakeAluma>>;

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

export interface FakeFixture {
	readonly fake: FakeAluma;
	/** `POST /oauth/token` with the test client's ID and secret; the answer's JSON. */
	issue(): Promise<Record<string, unknown>>;
	/** An API call with a fresh Bearer token. */
	api(method: string, urlPath: string, options?: CallOptions): Promise<Reply>;
	/** Uploads a fixture as a document; returns its id. */
	upload(name: string): Promise<string>;
	/** The bytes of a file in test/fixtures. */
	fixture(name: string): Buffer;
}

export function useFake(): FakeFixture {
	let fake: FakeAluma | undefined;
	beforeAll(async () => {
		fake = await startFakeAluma({ clientId: 'test-client', clientSecret: 'test-secret' });
	});
	afterAll(async () => await fake?.close());
	beforeEach(() => fake?.reset());

	const current = (): FakeAluma => {
		if (!fake) throw new Error('The fake Aluma server is not started yet (use it inside a test)');
		return fake;
	};
	const issue = async () =>
		(await call(current().url, 'POST', '/oauth/token', { headers: FORM, body: 'client_id=test-client&client_secret=test-secret' })).json<Record<string, unknown>>();
	const api = async (method: string, urlPath: string, options: CallOptions = {}) =>
		await call(current().url, method, urlPath, { ...options, token: String((await issue()).access_token) });
	const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES_DIR, name)) as Buffer;
	return {
		get fake() {
			return current();
		},
		issue,
		api,
		fixture,
		upload: async (name) => {
			const reply = await api('POST', '/documents', { headers: { 'Content-Type': 'application/pdf' }, body: fixture(name) });
			expect(reply.status).toBe(201);
			return reply.json<{ id: string }>().id;
		},
	};
}
