/**
 * The fake's token answer can take the shapes Aluma's material shows: `token_type` present (any
 * case) or absent, `expires_in` as a number or a numeric string; requests must then use the scheme
 * the token was issued with.
 * Run: npx jest test/fake-aluma/token-answer.test.ts
 */
import { startFakeAluma } from './index';
import { call } from './support/call';

type FakeAluma = Awaited<ReturnType<typeof startFakeAluma>>;

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const CREDENTIALS = 'client_id=test-client&client_secret=test-secret';

describe('fake Aluma token answer', () => {
	let fake: FakeAluma;

	beforeAll(async () => {
		fake = await startFakeAluma({ clientId: 'test-client', clientSecret: 'test-secret' });
	});
	afterAll(async () => await fake.close());
	beforeEach(() => fake.reset());

	const issue = async () => (await call(fake.url, 'POST', '/oauth/token', { headers: FORM, body: CREDENTIALS })).json<Record<string, unknown>>();
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
