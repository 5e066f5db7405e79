import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { AlumaApi } from '../../../credentials/AlumaApi.credentials';
import { exchangeClientCredentials } from '../../../shared/tokenExchange';
import { authorizationScheme, computeTokenExpiresAt, FALLBACK_TOKEN_LIFETIME_SECONDS } from '../../../shared/tokenFields';

const SENSITIVE = 'client-credential-never-shown';
const credentials = { clientId: 'client-1', clientSecret: SENSITIVE, baseUrl: 'https://api.aluma.io/' };

type Answer = { status: number; body?: unknown } | { error: { code: string } };

/** A stand-in for n8n's httpRequest helper that answers from a script and records each call. */
function scriptedHttp(...answers: Answer[]) {
	const calls: IHttpRequestOptions[] = [];
	const httpRequest = jest.fn(async (options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
		calls.push(options);
		const answer = answers.shift();
		if (!answer) throw new Error('unexpected request');
		if ('error' in answer) throw Object.assign(new Error('socket hang up'), answer.error, { config: options });
		const body = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(answer.body));
		return { statusCode: answer.status, headers: {}, body };
	});
	return { httpRequest, calls };
}

const now0 = () => 0;

const ok = (expiresIn?: number) => ({
	status: 200,
	body: { access_token: 'tok-123', token_type: 'Bearer', ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) },
});

describe('client-credentials exchange', () => {
	const now = () => Date.parse('2026-11-28T12:00:00Z');

	it('posts the ID and secret as a form to {baseUrl}/oauth/token and returns the token with its renew-by time', async () => {
		const { httpRequest, calls } = scriptedHttp(ok(86400));
		const result = await exchangeClientCredentials(httpRequest as never, credentials, now);
		expect(calls).toHaveLength(1);
		expect(calls[0].url).toBe('https://api.aluma.io/oauth/token');
		expect(calls[0].method).toBe('POST');
		expect((calls[0].headers as Record<string, string>)['Content-Type']).toBe('application/x-www-form-urlencoded');
		expect(new URLSearchParams(calls[0].body as string).get('client_id')).toBe('client-1');
		expect(new URLSearchParams(calls[0].body as string).get('client_secret')).toBe(SENSITIVE);
		expect(calls[0].disableFollowRedirect).toBe(true);
		expect(result).toEqual({ accessToken: 'tok-123', tokenExpiresAt: now() + 86400_000 - 120_000, tokenType: 'Bearer' });
	});

	it.each([400, 415])('retries once as JSON when the form is refused with %i', async (status) => {
		const { httpRequest, calls } = scriptedHttp({ status, body: { message: 'Unsupported' } }, ok(3600));
		const result = await exchangeClientCredentials(httpRequest as never, credentials, now);
		expect(calls).toHaveLength(2);
		expect((calls[1].headers as Record<string, string>)['Content-Type']).toBe('application/json');
		expect(JSON.parse(calls[1].body as string)).toEqual({ client_id: 'client-1', client_secret: SENSITIVE });
		expect(result.accessToken).toBe('tok-123');
	});

	it('says the ID or secret were rejected on 401, without echoing the secret', async () => {
		const { httpRequest } = scriptedHttp({ status: 401, body: { message: "You couldn't be authenticated" } });
		const error = await exchangeClientCredentials(httpRequest as never, credentials, now).catch((e: Error) => e);
		expect(error).toMatchObject({ message: 'Aluma rejected the client ID or client secret', httpCode: '401' });
		expect(JSON.stringify(error)).not.toContain(SENSITIVE);
		expect(String((error as Error).stack)).not.toContain(SENSITIVE);
	});

	it('retries a failing token service and says it is Aluma\'s fault when it keeps failing', async () => {
		const { httpRequest, calls } = scriptedHttp({ status: 503 }, { status: 502 }, { status: 500 });
		const error = await exchangeClientCredentials(httpRequest as never, credentials, now).catch((e: Error) => e);
		expect(calls).toHaveLength(3);
		expect((error as Error).message).toBe("Aluma's token service failed (HTTP 500)");
	});

	it('does not retry a 501 or 505, which say the request will never work (the rule every API call follows)', async () => {
		for (const status of [501, 505]) {
			const { httpRequest, calls } = scriptedHttp({ status });
			const error = await exchangeClientCredentials(httpRequest as never, credentials, now).catch((e: Error) => e);
			expect(calls).toHaveLength(1);
			expect((error as Error).message).toBe(`Aluma refused the token request (HTTP ${status})`);
		}
	});

	it('does not retry a host name that does not resolve', async () => {
		const { httpRequest, calls } = scriptedHttp({ error: { code: 'ENOTFOUND' } });
		const error = (await exchangeClientCredentials(httpRequest as never, credentials, now).catch((e: Error) => e)) as Error;
		expect(calls).toHaveLength(1);
		expect(error.message).toBe('Could not reach Aluma at api.aluma.io to get an access token (ENOTFOUND)');
	});

	it('recovers when the token service comes back', async () => {
		const { httpRequest, calls } = scriptedHttp({ status: 503 }, ok(600));
		await expect(exchangeClientCredentials(httpRequest as never, credentials, now)).resolves.toMatchObject({
			accessToken: 'tok-123',
		});
		expect(calls).toHaveLength(2);
	});

	it('reports an unreachable host by name and code, never the raw error that holds the secret', async () => {
		const reset = { error: { code: 'ECONNREFUSED' } };
		const { httpRequest } = scriptedHttp(reset, reset, reset);
		const error = (await exchangeClientCredentials(httpRequest as never, credentials, now).catch((e: Error) => e)) as Error;
		expect(error.message).toBe('Could not reach Aluma at api.aluma.io to get an access token (ECONNREFUSED)');
		expect(JSON.stringify(error)).not.toContain(SENSITIVE);
		expect((error as Error & { cause?: unknown }).cause).toBeUndefined();
	});

	it('refuses an answer without a token, and credentials without an ID or secret', async () => {
		const { httpRequest } = scriptedHttp({ status: 200, body: { hello: 'world' } });
		await expect(exchangeClientCredentials(httpRequest as never, credentials, now)).rejects.toThrow(
			'Aluma answered the token request without an access token',
		);
		await expect(
			exchangeClientCredentials(scriptedHttp().httpRequest as never, { ...credentials, clientSecret: '' }, now),
		).rejects.toThrow('has no client ID or client secret');
	});

	it('refuses a plain-http base URL to a remote host before sending the secret', async () => {
		const { httpRequest, calls } = scriptedHttp(ok(60));
		await expect(
			exchangeClientCredentials(httpRequest as never, { ...credentials, baseUrl: 'http://api.aluma.io' }, now),
		).rejects.toThrow('must use https');
		expect(calls).toHaveLength(0);
	});
});

describe('renew-by time', () => {
	it('renews a tenth of the lifetime early, at most two minutes', () => {
		expect(computeTokenExpiresAt(0, 86400)).toBe(86400_000 - 120_000);
		expect(computeTokenExpiresAt(0, 600)).toBe(600_000 - 60_000);
		expect(computeTokenExpiresAt(0, 20)).toBe(18_000);
	});

	it('falls back to a short lifetime when expires_in is missing or nonsense', () => {
		const fallback = computeTokenExpiresAt(0, FALLBACK_TOKEN_LIFETIME_SECONDS);
		expect(computeTokenExpiresAt(0, undefined)).toBe(fallback);
		expect(computeTokenExpiresAt(0, 'soon')).toBe(fallback);
		expect(computeTokenExpiresAt(0, -5)).toBe(fallback);
		expect(computeTokenExpiresAt(0, true)).toBe(fallback);
		expect(computeTokenExpiresAt(0, '')).toBe(fallback);
		expect(computeTokenExpiresAt(0, '600s')).toBe(fallback);
		expect(FALLBACK_TOKEN_LIFETIME_SECONDS).toBeLessThanOrEqual(3600);
	});

	it('reads expires_in given as a numeric string', () => {
		expect(computeTokenExpiresAt(0, '600')).toBe(computeTokenExpiresAt(0, 600));
		expect(computeTokenExpiresAt(0, ' 86400 ')).toBe(86400_000 - 120_000);
	});
});

describe('authorization scheme', () => {
	it.each([
		[undefined, 'Bearer'],
		['', 'Bearer'],
		['bearer', 'Bearer'],
		['BeArEr', 'Bearer'],
		['Token', 'Token'],
		['Bearer x', 'Bearer'],
		['Bearer\r\nX-Injected: 1', 'Bearer'],
		[7, 'Bearer'],
		['x'.repeat(41), 'Bearer'],
	])('turns token_type %j into %j', (tokenType, scheme) => {
		expect(authorizationScheme(tokenType)).toBe(scheme);
	});

	it('returns the token type the answer names', async () => {
		const { httpRequest } = scriptedHttp({ status: 200, body: { access_token: 'tok-9', token_type: 'bearer', expires_in: '60' } });
		await expect(exchangeClientCredentials(httpRequest as never, credentials, now0)).resolves.toEqual({
			accessToken: 'tok-9',
			tokenExpiresAt: 54_000,
			tokenType: 'Bearer',
		});
	});
});

describe('AlumaApi credential', () => {
	const credential = new AlumaApi();

	it('declares a hidden, expirable, masked access token and a hidden renew-by time', () => {
		const token = credential.properties.find((p) => p.name === 'accessToken');
		expect(token).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
		expect(credential.properties.find((p) => p.name === 'tokenExpiresAt')).toMatchObject({ type: 'hidden' });
		expect(credential.properties.find((p) => p.name === 'clientSecret')?.typeOptions?.password).toBe(true);
	});

	it('adds the bearer token only for requests to its own host', async () => {
		const creds = { ...credentials, accessToken: 'tok-abc' };
		const signed = await credential.authenticate(creds, { url: 'https://api.aluma.io/documents' });
		expect(signed.headers).toEqual({ Authorization: 'Bearer tok-abc' });
		const relative = await credential.authenticate(creds, { url: '/classifiers', baseURL: 'https://api.aluma.io' });
		expect(relative.headers).toEqual({ Authorization: 'Bearer tok-abc' });
		await expect(credential.authenticate(creds, { url: 'https://evil.example/steal' })).rejects.toThrow(
			'sends its access token only to api.aluma.io',
		);
		await expect(credential.authenticate(creds, { url: 'http://api.aluma.io/documents' })).rejects.toThrow();
	});

	it('signs with the stored token type, Bearer when it is empty or not one word', async () => {
		const url = 'https://api.aluma.io/documents';
		const header = async (tokenType: unknown) =>
			(await credential.authenticate({ ...credentials, accessToken: 'tok-abc', tokenType } as never, { url })).headers?.Authorization;
		expect(await header('Token')).toBe('Token tok-abc');
		expect(await header('bearer')).toBe('Bearer tok-abc');
		expect(await header('')).toBe('Bearer tok-abc');
		expect(await header(undefined)).toBe('Bearer tok-abc');
		expect(await header('Bearer\r\nX-Injected: 1')).toBe('Bearer tok-abc');
	});

	it('declares the token type as a hidden field, so n8n keeps what the exchange returns', () => {
		expect(credential.properties.find((p) => p.name === 'tokenType')).toMatchObject({ type: 'hidden', default: '' });
	});

	it('tests the credential with a cheap authenticated GET on the configured host', () => {
		expect(credential.test.request).toMatchObject({ url: '/classifiers', method: 'GET' });
	});
});
