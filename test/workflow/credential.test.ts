/**
 * The Aluma API credential in n8n's engine against the fake Aluma server: how many token exchanges a
 * run makes, renewal before expiry, recovery from a revoked token, persistence between runs, the
 * credential test, and the JSON fallback of the token request.
 *
 * Run: npx jest test/workflow/credential.test.ts
 */
import { AlumaApi } from '../../credentials/AlumaApi.credentials';
import { resetTokenCache } from '../../nodes/Aluma/transport/tokenSession';
import { fakeDateOnly } from '../support/fakeDate';
import { testCredential } from './harness';
import {
	CLIENT_SECRET,
	CREDENTIAL_ID,
	apiCalls,
	byName,
	expectSuccess,
	failureOf,
	fileItem,
	newStore,
	useFakeAluma,
} from '../support/fakeAlumaWorkflow';

const aluma = useFakeAluma();

const DAY_MS = 86_400_000;
const TWO_MINUTES_MS = 120_000;

/** API Request: GET /classifiers, once per input item. */
const listClassifiers = { resource: 'apiRequest', operation: 'send', method: 'GET', path: '/classifiers' };

const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));

/** Classify File with the seeded classifier, `concurrency` items at a time. */
const classifyFiles = (concurrency: number) => ({
	resource: 'document',
	operation: 'classifyFile',
	classifier: byName('mailroom'),
	options: { concurrency },
});

afterEach(() => {
	jest.useRealTimers();
});

describe('token exchange per run', () => {
	it('makes one token exchange for 50 items run one after another', async () => {
		const result = await aluma.run({ parameters: listClassifiers, items: items(50) });

		expect(expectSuccess(result)).toHaveLength(50);
		const stats = aluma.fake.stats();
		expect(stats.tokenExchanges).toBe(1);
		expect(stats.tokenRequests).toBe(1);
		expect(stats.unauthorized).toBe(0);
		const calls = apiCalls(aluma.fake);
		expect(calls).toHaveLength(50);
		expect(new Set(calls.map((call) => call.tokenId))).toEqual(new Set(['tok-1']));
	});

	it('makes one token exchange for 50 items run 10 at a time', async () => {
		const result = await aluma.run({
			parameters: classifyFiles(10),
			items: Array.from({ length: 50 }, () => fileItem('invoice.pdf')),
		});

		expect(expectSuccess(result).map((item) => item.json.documentType)).toEqual(Array(50).fill('Invoice'));
		const stats = aluma.fake.stats();
		expect(stats.peakLiveDocuments).toBeGreaterThan(1);
		expect(stats.tokenExchanges).toBe(1);
		expect(stats.tokenRequests).toBe(1);
		expect(stats.unauthorized).toBe(0);
	});

	it('stores the token with a renew-by time of expiry minus two minutes for a 24-hour token', async () => {
		const before = Date.now();
		expectSuccess(await aluma.run({ parameters: listClassifiers }));
		const after = Date.now();

		expect(aluma.store.updates).toBe(1);
		expect(aluma.store.writes[0].changedKeys.sort()).toEqual(['accessToken', 'tokenExpiresAt', 'tokenType']);
		const stored = aluma.store.data(CREDENTIAL_ID);
		expect(typeof stored.accessToken).toBe('string');
		expect(String(stored.accessToken).length).toBeGreaterThan(20);
		expect(Number(stored.tokenExpiresAt)).toBeGreaterThanOrEqual(before + DAY_MS - TWO_MINUTES_MS);
		expect(Number(stored.tokenExpiresAt)).toBeLessThanOrEqual(after + DAY_MS - TWO_MINUTES_MS);
	});

	it('keeps the token and the secret out of the output and of what n8n logs', async () => {
		const result = await aluma.run({ parameters: listClassifiers, items: items(2) });

		const token = String(aluma.store.data(CREDENTIAL_ID).accessToken);
		expect(token.length).toBeGreaterThan(20);
		const visible = JSON.stringify([result.outputs, result.logs, result.runData]);
		expect(visible.includes(token)).toBe(false);
		expect(visible.includes(CLIENT_SECRET)).toBe(false);
	});

	it('reuses the token a run persisted in the next run with the same store', async () => {
		expectSuccess(await aluma.run({ parameters: listClassifiers, items: items(3) }));
		// Forget what this process knows, so the second run can only get the token from the store.
		resetTokenCache();
		expectSuccess(await aluma.run({ parameters: listClassifiers, items: items(3) }));

		const stats = aluma.fake.stats();
		expect(stats.tokenExchanges).toBe(1);
		expect(stats.unauthorized).toBe(0);
		expect(apiCalls(aluma.fake).map((call) => call.tokenId)).toEqual(Array(6).fill('tok-1'));
		expect(aluma.store.updates).toBe(1);
	});
});

describe('renewal before expiry', () => {
	it('renews a token past its renew-by time before sending, with zero 401s', async () => {
		fakeDateOnly();
		const start = Date.parse('2026-03-02T09:00:00Z');
		jest.setSystemTime(start);
		expectSuccess(await aluma.run({ parameters: listClassifiers }));
		const firstExpiry = Number(aluma.store.data(CREDENTIAL_ID).tokenExpiresAt);
		expect(firstExpiry).toBe(start + DAY_MS - TWO_MINUTES_MS);

		// One minute before Aluma would expire the token: still valid there, but past the renew-by time.
		jest.setSystemTime(start + DAY_MS - 60_000);
		resetTokenCache();
		expectSuccess(await aluma.run({ parameters: listClassifiers, items: items(5) }));

		const stats = aluma.fake.stats();
		expect(stats.unauthorized).toBe(0);
		expect(stats.tokenExchanges).toBe(2);
		expect(apiCalls(aluma.fake).map((call) => [call.tokenId, call.status])).toEqual([
			['tok-1', 200],
			...Array(5).fill(['tok-2', 200]),
		]);
		expect(Number(aluma.store.data(CREDENTIAL_ID).tokenExpiresAt)).toBe(start + 2 * DAY_MS - 60_000 - TWO_MINUTES_MS);
	});

	it('keeps using the token until its renew-by time', async () => {
		fakeDateOnly();
		const start = Date.parse('2026-03-02T09:00:00Z');
		jest.setSystemTime(start);
		expectSuccess(await aluma.run({ parameters: listClassifiers }));

		jest.setSystemTime(start + DAY_MS - TWO_MINUTES_MS - 1000);
		expectSuccess(await aluma.run({ parameters: listClassifiers, items: items(2) }));

		expect(aluma.fake.stats().tokenExchanges).toBe(1);
		expect(apiCalls(aluma.fake).map((call) => call.tokenId)).toEqual(['tok-1', 'tok-1', 'tok-1']);
	});

	it('renews a short-lived token a tenth of its lifetime early, with zero 401s', async () => {
		aluma.fake.setConfig({ tokenLifetimeSeconds: 600 });
		fakeDateOnly();
		const start = Date.parse('2026-03-02T09:00:00Z');
		jest.setSystemTime(start);
		expectSuccess(await aluma.run({ parameters: listClassifiers }));
		expect(Number(aluma.store.data(CREDENTIAL_ID).tokenExpiresAt)).toBe(start + 540_000);

		jest.setSystemTime(start + 560_000);
		expectSuccess(await aluma.run({ parameters: listClassifiers, items: items(3) }));

		const stats = aluma.fake.stats();
		expect(stats.unauthorized).toBe(0);
		expect(stats.tokenExchanges).toBe(2);
	});

	it('renews once for items running in parallel when the stored token is past its renew-by time', async () => {
		fakeDateOnly();
		const start = Date.parse('2026-03-02T09:00:00Z');
		jest.setSystemTime(start);
		expectSuccess(await aluma.run({ parameters: listClassifiers }));

		jest.setSystemTime(start + DAY_MS - 30_000);
		const result = await aluma.run({ parameters: classifyFiles(5), items: Array.from({ length: 5 }, () => fileItem('letter.pdf')) });

		expect(expectSuccess(result)).toHaveLength(5);
		const stats = aluma.fake.stats();
		expect(stats.unauthorized).toBe(0);
		expect(stats.tokenExchanges).toBe(2);
	});
});

describe('revoked token', () => {
	it('renews once and resends the refused request once, then uses the new token', async () => {
		expectSuccess(await aluma.run({ parameters: listClassifiers }));
		expect(aluma.fake.revokeAllTokens()).toBe(1);
		const from = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: listClassifiers, items: items(3) });

		expect(expectSuccess(result)).toHaveLength(3);
		expect(
			aluma.fake
				.requests()
				.slice(from)
				.map((entry) => [entry.method, entry.path, entry.status, entry.tokenId]),
		).toEqual([
			['GET', '/classifiers', 401, 'tok-1'],
			['POST', '/oauth/token', 200, 'tok-2'],
			['GET', '/classifiers', 200, 'tok-2'],
			['GET', '/classifiers', 200, 'tok-2'],
			['GET', '/classifiers', 200, 'tok-2'],
		]);
		expect(aluma.store.updates).toBe(2);
	});

	it('renews once when parallel items all meet the revoked token', async () => {
		expectSuccess(await aluma.run({ parameters: listClassifiers }));
		aluma.fake.revokeAllTokens();
		const from = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: classifyFiles(5), items: Array.from({ length: 5 }, () => fileItem('invoice.pdf')) });

		expect(expectSuccess(result).map((item) => item.json.documentType)).toEqual(Array(5).fill('Invoice'));
		const stats = aluma.fake.stats();
		expect(stats.tokenExchanges).toBe(2);
		const refused = apiCalls(aluma.fake, from).filter((call) => call.status === 401);
		// Only the requests already in flight with the revoked token are refused, each resent once.
		expect(refused.length).toBeGreaterThanOrEqual(1);
		expect(refused.length).toBeLessThanOrEqual(5);
		expect(refused.every((call) => call.tokenId === 'tok-1' && call.route === 'POST /documents')).toBe(true);
		expect(stats.documentsCreated).toBe(5);
	});
});

describe('wrong client secret', () => {
	it('fails the run with a message that Aluma rejected the client ID or secret, without the secret', async () => {
		const store = newStore(aluma.fake.url, { clientSecret: 'dummy-wrong-secret-0042' });

		const result = await aluma.run({ store, parameters: listClassifiers });

		const failure = failureOf(result);
		expect(failure.message).toBe('Aluma rejected the client ID or client secret');
		expect(failure.description).toMatch(/Check the Client ID and Client Secret/);
		const everything = JSON.stringify([failure, result.executionError, result.logs]);
		expect(everything).not.toContain('dummy-wrong-secret-0042');
		expect(everything).not.toContain(CLIENT_SECRET);
		expect(apiCalls(aluma.fake)).toHaveLength(0);
		expect(store.updates).toBe(0);
	});
});

describe('credential test', () => {
	it('passes with the right client secret and stores the token it fetched', async () => {
		await expect(testCredential(aluma.store, AlumaApi, CREDENTIAL_ID)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});

		expect(aluma.fake.requests().map((entry) => [entry.route, entry.status, entry.tokenId])).toEqual([
			['POST /oauth/token', 200, 'tok-1'],
			['GET /classifiers', 200, 'tok-1'],
		]);
		expect(aluma.store.updates).toBe(1);
	});

	it('fails with the wrong client secret, saying Aluma rejected the client ID or secret, and never shows the secret', async () => {
		const store = newStore(aluma.fake.url, { clientSecret: 'dummy-wrong-secret-7731' });

		const outcome = await testCredential(store, AlumaApi, CREDENTIAL_ID);

		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/Aluma rejected the client ID or client secret/);
		expect(outcome.message).not.toContain('dummy-wrong-secret-7731');
		expect(outcome.message).not.toContain(CLIENT_SECRET);
		expect(aluma.fake.stats().tokenExchanges).toBe(0);
		expect(apiCalls(aluma.fake)).toHaveLength(0);
		expect(store.updates).toBe(0);
	});
	it.each([
		['a trailing slash', (url: string) => `${url}/`],
		['two trailing slashes', (url: string) => `${url}//`],
		['spaces around it', (url: string) => `  ${url}  `],
	])('calls the same address as the node for a Base URL with %s', async (_, spell) => {
		const store = newStore(spell(aluma.fake.url));

		await expect(testCredential(store, AlumaApi, CREDENTIAL_ID)).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expectSuccess(await aluma.run({ store, parameters: listClassifiers }));

		expect(apiCalls(aluma.fake).map((entry) => entry.route)).toEqual(['GET /classifiers', 'GET /classifiers']);
	});
});

describe('token request body format', () => {
	it('falls back to a JSON body when the token endpoint refuses a form', async () => {
		aluma.fake.setConfig({ tokenBodyFormats: ['json'] });

		expectSuccess(await aluma.run({ parameters: listClassifiers, items: items(2) }));

		expect(aluma.fake.requests().map((entry) => [entry.route, entry.status, entry.contentType])).toEqual([
			['POST /oauth/token', 415, 'application/x-www-form-urlencoded'],
			['POST /oauth/token', 200, 'application/json'],
			['GET /classifiers', 200, null],
			['GET /classifiers', 200, null],
		]);
		expect(aluma.fake.stats().tokenExchanges).toBe(1);
	});

	it('passes the credential test through the JSON fallback', async () => {
		aluma.fake.setConfig({ tokenBodyFormats: ['json'] });

		await expect(testCredential(aluma.store, AlumaApi, CREDENTIAL_ID)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(aluma.fake.stats().tokenExchanges).toBe(1);
	});
});

describe('base URL', () => {
	it('refuses a plain-http Base URL on a public host before sending anything', async () => {
		const store = newStore('http://api.aluma.io');

		const failure = failureOf(await aluma.run({ store, parameters: listClassifiers }));

		expect(failure.message).toBe('The Base URL must use https (got http://api.aluma.io)');
		expect(aluma.fake.requests()).toHaveLength(0);
	});
});
