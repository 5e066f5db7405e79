// The credential's authenticate() is the last gate before the token leaves n8n, for every path n8n
// offers: the Aluma node (url), n8n's HTTP Request node with a predefined credential type (the older
// request path: uri, url undefined), the credential test (baseURL + relative url). Each shape that
// could reach another host must be refused; nothing is ever resolved against the credential's own
// Base URL to "prove" a target.
import type { IHttpRequestOptions } from 'n8n-workflow';

import { AlumaApi } from '../../../credentials/AlumaApi.credentials';

const credential = new AlumaApi();
const creds = { clientId: 'id', clientSecret: 'secret', baseUrl: 'https://api.aluma.io', accessToken: 'tok-abc', tokenExpiresAt: 0 };

const sign = async (options: Record<string, unknown>) =>
	await credential.authenticate(creds, options as unknown as IHttpRequestOptions);

describe('AlumaApi authenticate: the token reaches only the credential host', () => {
	it.each([
		['url, absolute', { url: 'https://api.aluma.io/documents' }],
		['uri, absolute (HTTP Request node)', { uri: 'https://api.aluma.io/classifiers' }],
		['uri as a URL object', { uri: new URL('https://api.aluma.io/classifiers') }],
		['baseURL + relative url (credential test)', { baseURL: 'https://api.aluma.io', url: '/classifiers' }],
		['baseUrl + relative uri (request library)', { baseUrl: 'https://api.aluma.io', uri: 'classifiers' }],
		['baseURL only', { baseURL: 'https://api.aluma.io/' }],
		['url and uri agreeing', { url: 'https://api.aluma.io/a', uri: 'https://api.aluma.io/b' }],
	])('signs %s, and tells n8n not to carry the token along a redirect to another host', async (_, options) => {
		const signed = await sign(options);
		expect(signed.headers).toEqual({ Authorization: 'Bearer tok-abc' });
		// n8n 1.x re-adds Authorization on a cross-origin redirect unless this is false (seen in real n8n 1.123).
		expect(signed.sendCredentialsOnCrossOriginRedirect).toBe(false);
	});

	it.each([
		['uri to another host, url undefined', { uri: 'https://evil.example/steal' }, 'evil.example'],
		['uri to another host, url explicitly undefined', { uri: 'https://evil.example/steal', url: undefined }, 'evil.example'],
		['url to another host', { url: 'https://evil.example/steal' }, 'evil.example'],
		['plain http to the Aluma host', { url: 'http://api.aluma.io/documents' }, 'api.aluma.io'],
		['a look-alike host', { uri: 'https://api.aluma.io.evil.example/x' }, 'api.aluma.io.evil.example'],
		['user info that hides the host', { uri: 'https://api.aluma.io@evil.example/x' }, 'evil.example'],
		['a backslash that hides the host', { uri: 'https://evil.example\\@api.aluma.io/x' }, 'evil.example'],
		['another port', { uri: 'https://api.aluma.io:8443/x' }, 'api.aluma.io:8443'],
		['absolute url despite an Aluma baseURL', { baseURL: 'https://api.aluma.io', url: 'https://evil.example/x' }, 'evil.example'],
		['protocol-relative url despite an Aluma baseURL', { baseURL: 'https://api.aluma.io', url: '//evil.example/x' }, 'evil.example'],
		['another baseURL with a relative url', { baseURL: 'https://evil.example', url: '/classifiers' }, 'evil.example'],
		['url and uri disagreeing', { url: 'https://api.aluma.io/a', uri: 'https://evil.example/b' }, 'evil.example'],
		['no address at all', {}, 'could not be read'],
		['a relative url with no base', { url: '/classifiers' }, 'could not be read'],
		['a protocol-relative uri with no base', { uri: '//evil.example/x' }, 'could not be read'],
		['an empty url and uri', { url: '', uri: '' }, 'could not be read'],
	])('refuses %s, naming where it would go', async (_, options, where) => {
		const attempt = sign(options);
		await expect(attempt).rejects.toThrow('sends its access token only to api.aluma.io');
		await expect(attempt).rejects.toThrow(where);
		await expect(attempt).rejects.not.toThrow('tok-abc');
	});

	it('keeps loopback test servers apart by port', async () => {
		const local = { ...creds, baseUrl: 'http://127.0.0.1:8080' };
		const signed = await credential.authenticate(local, { uri: 'http://127.0.0.1:8080/x' } as unknown as IHttpRequestOptions);
		expect(signed.headers).toEqual({ Authorization: 'Bearer tok-abc' });
		await expect(
			credential.authenticate(local, { uri: 'http://127.0.0.1:8081/x' } as unknown as IHttpRequestOptions),
		).rejects.toThrow('127.0.0.1:8081');
	});
});
