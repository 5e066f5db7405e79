/**
 * Contract of the token exchange and of the bearer token: what the credential sends to
 * https://api.aluma.io/oauth/token, and that every API request carries `Authorization: Bearer`
 * with the token, renewed once after a 401. nock answers instead of Aluma; no other network.
 *
 * Run: npx jest test/contract/credential.test.ts
 */
import { AlumaApi } from '../../credentials/AlumaApi.credentials';
import { testCredential } from '../workflow/harness';
import { CLIENT_ID, CLIENT_SECRET, CREDENTIAL_ID, expectSuccess, failureOf } from '../support/fakeAlumaWorkflow';
import type { RecordedRequest } from '../support/contract';
import { BEARER, TOKEN, aluma, apiRequest, contractStore, expectTokenRequest, nock, recordAndReply, useNock } from '../support/contract';

const contract = useNock();

const listClassifiers = apiRequest({ path: '/classifiers' });

describe('token request', () => {
	it('posts the client ID and secret as a form and then sends the token as a Bearer header', async () => {
		const scope = expectTokenRequest(aluma(), 'issued-token-1')
			.get('/classifiers')
			.matchHeader('authorization', 'Bearer issued-token-1')
			.reply(200, { classifiers: [] });
		const store = contractStore({ accessToken: '', tokenExpiresAt: 0 });

		expectSuccess(await contract.run({ store, parameters: listClassifiers }));

		scope.done();
		expect(store.data(CREDENTIAL_ID).accessToken).toBe('issued-token-1');
	});

	it('sends the exact form body and headers, and no Authorization header', async () => {
		const log: RecordedRequest[] = [];
		aluma().post('/oauth/token').reply(recordAndReply(log, 200, { access_token: 'issued-token-2', expires_in: 86400 }));
		aluma().get('/classifiers').reply(200, { classifiers: [] });

		expectSuccess(await contract.run({ store: contractStore({ accessToken: '' }), parameters: listClassifiers }));

		expect(log).toHaveLength(1);
		expect(log[0].headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
		expect(log[0].headers.authorization).toBeUndefined();
		expect(Object.fromEntries(new URLSearchParams(log[0].body.toString('utf8')))).toEqual({
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		});
	});

	it('sends the same fields as JSON when Aluma refuses the form', async () => {
		const scope = aluma()
			.post('/oauth/token', `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`)
			.reply(415, { message: "Unsupported content type 'application/x-www-form-urlencoded'." })
			.post('/oauth/token', { client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
			.matchHeader('content-type', 'application/json')
			.reply(200, { access_token: 'issued-token-3', expires_in: 86400 })
			.get('/classifiers')
			.matchHeader('authorization', 'Bearer issued-token-3')
			.reply(200, { classifiers: [] });

		expectSuccess(await contract.run({ store: contractStore({ accessToken: '' }), parameters: listClassifiers }));

		scope.done();
	});

	it('does not follow a redirect of the token request, so the secret goes nowhere else', async () => {
		aluma().post('/oauth/token').reply(302, '', { Location: 'https://login.evil.example/oauth/token' });
		const elsewhere = nock('https://login.evil.example').post('/oauth/token').reply(200, { access_token: 'stolen' });

		const result = await contract.run({ store: contractStore({ accessToken: '' }), parameters: listClassifiers });

		expect(failureOf(result).message).toBe('Aluma refused the token request (HTTP 302)');
		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
	});
});

describe('bearer token', () => {
	it('sends the stored token on every request without a token exchange', async () => {
		const scope = aluma()
			.get('/classifiers')
			.times(3)
			.matchHeader('authorization', BEARER)
			.reply(200, { classifiers: [] });

		const result = await contract.run({ parameters: listClassifiers, items: [{ json: {} }, { json: {} }, { json: {} }] });

		expect(expectSuccess(result)).toHaveLength(3);
		scope.done();
	});

	it('renews the token once after a 401 and resends the refused request with the new one', async () => {
		const scope = aluma()
			.get('/classifiers')
			.matchHeader('authorization', BEARER)
			.reply(401, { message: 'Unauthorized' });
		expectTokenRequest(scope, 'renewed-token')
			.get('/classifiers')
			.times(2)
			.matchHeader('authorization', 'Bearer renewed-token')
			.reply(200, { classifiers: [] });
		const store = contractStore();

		expectSuccess(await contract.run({ store, parameters: listClassifiers, items: [{ json: {} }, { json: {} }] }));

		scope.done();
		expect(store.data(CREDENTIAL_ID).accessToken).toBe('renewed-token');
	});

	it('gives up after two fresh tokens refused in a row, with one clear error', async () => {
		const scope = aluma().get('/classifiers').matchHeader('authorization', BEARER).reply(401, { message: 'Unauthorized' });
		expectTokenRequest(scope, 'renewed-token')
			.get('/classifiers')
			.matchHeader('authorization', 'Bearer renewed-token')
			.reply(401, { message: 'Unauthorized' });
		expectTokenRequest(scope, 'second-token')
			.get('/classifiers')
			.matchHeader('authorization', 'Bearer second-token')
			.reply(401, { message: 'Unauthorized' });

		const failure = failureOf(await contract.run({ parameters: listClassifiers, items: [{ json: {} }, { json: {} }, { json: {} }] }));

		expect(failure.message).toBe('Aluma refused the access token it had just issued to this API client');
		expect(failure.httpCode).toBe('401');
		// nock would fail on a third token request: the other items did not each exchange again.
		scope.done();
	});
});

describe('signing', () => {
	it('signs only requests for the Aluma host of the credential', async () => {
		const credential = new AlumaApi();
		const data = { baseUrl: 'https://api.aluma.io', accessToken: TOKEN };

		await expect(credential.authenticate(data, { url: 'https://api.aluma.io/classifiers' })).resolves.toMatchObject({
			headers: { Authorization: BEARER },
		});
		await expect(credential.authenticate(data, { url: '/classifiers', baseURL: 'https://api.aluma.io' })).resolves.toMatchObject({
			headers: { Authorization: BEARER },
		});
		for (const url of ['https://evil.example/classifiers', 'http://api.aluma.io/classifiers', 'https://api.aluma.io.evil.example/x']) {
			await expect(credential.authenticate(data, { url })).rejects.toThrow('sends its access token only to api.aluma.io');
		}
	});
});

describe('credential test', () => {
	it('exchanges the ID and secret and lists the classifiers with the new token', async () => {
		const scope = expectTokenRequest(aluma(), 'test-token')
			.get('/classifiers')
			.matchHeader('authorization', 'Bearer test-token')
			.reply(200, { classifiers: [] });

		await expect(testCredential(contractStore(), AlumaApi, CREDENTIAL_ID)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		scope.done();
	});

	it('reports the refused secret in words, without the secret', async () => {
		const scope = aluma().post('/oauth/token').reply(401, { message: "You couldn't be authenticated" });

		const outcome = await testCredential(contractStore(), AlumaApi, CREDENTIAL_ID);

		expect(outcome).toEqual({ status: 'Error', message: 'Aluma rejected the client ID or client secret' });
		expect(JSON.stringify(outcome)).not.toContain(CLIENT_SECRET);
		expect(JSON.stringify(outcome)).not.toContain(TOKEN);
		scope.done();
	});
});

