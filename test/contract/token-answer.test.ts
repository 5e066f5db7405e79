/**
 * Contract of the token answer read strictly: `token_type` becomes the scheme of the Authorization
 * header when Aluma sends one (Waives-era clients built the header from it), `Bearer` when it is
 * absent or not a single word; `expires_in` may be a number or a numeric string. Both request
 * forms stay: the form first, JSON when the form is refused. nock answers; no other network.
 *
 * Run: npx jest test/contract/token-answer.test.ts
 */
import { CLIENT_ID, CLIENT_SECRET, CREDENTIAL_ID, expectSuccess } from '../support/fakeAlumaWorkflow';
import type { RecordedRequest } from '../support/contract';
import { aluma, apiRequest, contractStore, recordAndReply, useNock } from '../support/contract';

const contract = useNock();

const listClassifiers = apiRequest({ path: '/classifiers' });
const emptyStore = () => contractStore({ accessToken: '', tokenExpiresAt: 0 });
const twoItems = [{ json: {} }, { json: {} }];

/** Answers the token request with `answer` and records the API requests that follow. */
function tokenThenClassifiers(answer: object, log: RecordedRequest[], times = 1) {
	aluma().post('/oauth/token', `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`).reply(200, answer);
	aluma().get('/classifiers').times(times).reply(recordAndReply(log, 200, { classifiers: [] }));
}

describe('token_type', () => {
	it.each([
		['Bearer', 'Bearer'],
		['bearer', 'Bearer'],
		['BEARER', 'Bearer'],
	])('sends "%s" as the Bearer scheme', async (tokenType, scheme) => {
		const log: RecordedRequest[] = [];
		tokenThenClassifiers({ access_token: 'tok-case', token_type: tokenType, expires_in: 86400 }, log);
		const store = emptyStore();

		expectSuccess(await contract.run({ store, parameters: listClassifiers }));

		expect(log[0].headers.authorization).toBe(`${scheme} tok-case`);
		expect(store.data(CREDENTIAL_ID).tokenType).toBe('Bearer');
	});

	it('uses another scheme Aluma names on every request of the run, not only the first', async () => {
		const log: RecordedRequest[] = [];
		tokenThenClassifiers({ access_token: 'tok-other', token_type: 'Token', expires_in: 86400 }, log, 2);
		const store = emptyStore();

		expectSuccess(await contract.run({ store, parameters: listClassifiers, items: twoItems }));

		expect(log.map((request) => request.headers.authorization)).toEqual(['Token tok-other', 'Token tok-other']);
		expect(store.data(CREDENTIAL_ID).tokenType).toBe('Token');
	});

	it('keeps the stored scheme for the next run, which exchanges nothing', async () => {
		const log: RecordedRequest[] = [];
		aluma().get('/classifiers').reply(recordAndReply(log, 200, { classifiers: [] }));

		expectSuccess(await contract.run({ store: contractStore({ tokenType: 'Token' }), parameters: listClassifiers }));

		expect(log[0].headers.authorization).toMatch(/^Token /);
	});

	it.each([
		['absent', undefined],
		['empty', ''],
		['two words', 'Bearer extra'],
		['a line break', 'Bearer\r\nX-Injected: 1'],
		['a number', 42],
	])('falls back to Bearer when token_type is %s, so nothing is added to the header', async (_, tokenType) => {
		const log: RecordedRequest[] = [];
		tokenThenClassifiers({ access_token: 'tok-plain', token_type: tokenType, expires_in: 86400 }, log);
		const store = emptyStore();

		expectSuccess(await contract.run({ store, parameters: listClassifiers }));

		expect(log[0].headers.authorization).toBe('Bearer tok-plain');
		expect(log[0].headers['x-injected']).toBeUndefined();
		expect(store.data(CREDENTIAL_ID).tokenType).toBe('Bearer');
	});

	it('never signs with a hostile scheme written into the stored credential', async () => {
		const log: RecordedRequest[] = [];
		aluma().get('/classifiers').reply(recordAndReply(log, 200, { classifiers: [] }));

		expectSuccess(await contract.run({ store: contractStore({ tokenType: 'Bearer x\r\nX-Injected: 1' }), parameters: listClassifiers }));

		expect(log[0].headers.authorization).toMatch(/^Bearer [^\s]+$/);
		expect(log[0].headers['x-injected']).toBeUndefined();
	});
});

describe('expires_in', () => {
	// The renew-by time is the lifetime minus a tenth (at most 2 minutes): 600 s → 540 s; no
	// usable lifetime → the 15-minute fallback → 810 s.
	it.each([
		['a number', 600, 540_000],
		['a numeric string', '600', 540_000],
		['a numeric string with spaces', ' 600 ', 540_000],
		['a word (fallback lifetime)', '10 minutes', 810_000],
		['a boolean (fallback lifetime)', true, 810_000],
	])('reads expires_in given as %s', async (_, expiresIn, renewAfterMs) => {
		const log: RecordedRequest[] = [];
		tokenThenClassifiers({ access_token: 'tok-life', token_type: 'Bearer', expires_in: expiresIn }, log);
		const store = emptyStore();
		const before = Date.now();

		expectSuccess(await contract.run({ store, parameters: listClassifiers }));

		const renewBy = Number(store.data(CREDENTIAL_ID).tokenExpiresAt);
		expect(renewBy).toBeGreaterThanOrEqual(before + renewAfterMs);
		expect(renewBy).toBeLessThanOrEqual(Date.now() + renewAfterMs);
	});
});

describe('request forms', () => {
	it('still sends the form first and JSON after a refusal, and reads the answer of the JSON try the same way', async () => {
		const tokenLog: RecordedRequest[] = [];
		const log: RecordedRequest[] = [];
		aluma().post('/oauth/token').reply(recordAndReply(tokenLog, 415, { message: 'Unsupported content type.' }));
		aluma().post('/oauth/token').reply(recordAndReply(tokenLog, 200, { access_token: 'tok-json', token_type: 'bearer', expires_in: '3600' }));
		aluma().get('/classifiers').reply(recordAndReply(log, 200, { classifiers: [] }));
		const store = emptyStore();

		expectSuccess(await contract.run({ store, parameters: listClassifiers }));

		expect(tokenLog.map((request) => request.headers['content-type'])).toEqual(['application/x-www-form-urlencoded', 'application/json']);
		expect(JSON.parse(tokenLog[1].body.toString('utf8'))).toEqual({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
		expect(log[0].headers.authorization).toBe('Bearer tok-json');
		expect(store.data(CREDENTIAL_ID)).toMatchObject({ accessToken: 'tok-json', tokenType: 'Bearer' });
	});
});
