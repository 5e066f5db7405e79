/**
 * The bearer token and the client secret go to the credential's Base URL and nowhere else:
 * redirects to another host (another port, another host name) are refused before anything is
 * sent there, the token endpoint's own redirect is not followed, same-host redirects are followed
 * (bounded), and credential tests report without echoing the secret. "Another host" is a second
 * local server that records every header and body it receives.
 */
import {
	AlumaApi,
	CLIENT_SECRET,
	CREDENTIAL_ID,
	ROUTE,
	apiRequest,
	classifyFile,
	countHits,
	errorItems,
	expectEveryItem,
	expectNodeError,
	invoices,
	outcome,
	reliabilitySuite,
	testCredential,
} from '../support/reliability';
import type { Env } from '../support/reliability';

const { env, scenario, newStore, runAluma } = reliabilitySuite();

beforeEach(() => {
	env().other.requests.length = 0;
});

/** Nothing reached the other host: no request at all, so no header, token or secret. */
function expectOtherHostUntouched(e: Env): void {
	expect(e.other.requests).toHaveLength(0);
}

/** Every Authorization header the Aluma host received carried a token Aluma issued through it. */
function expectOnlyIssuedTokens(e: Env): void {
	for (const entry of e.tap.relayed) {
		if (entry.authorization === null) continue;
		expect(entry.authorization).toMatch(/^Bearer \S+$/);
		expect(e.tap.tokens).toContain(entry.authorization.slice('Bearer '.length));
	}
}

describe('redirects away from the Aluma host are refused before the token goes there', () => {
	it('API Request: 302 to another port → the run stops with a readable error; the other host gets nothing', async () => {
		const s = scenario('API Request 302 to another host');
		const { tap, other } = env();
		tap.redirect({ method: 'GET', path: /^\/classifiers$/, status: 302, location: `${other.url}/classifiers` });
		const result = await runAluma({ parameters: apiRequest({ path: '/classifiers' }) });
		const m = s.finish(outcome(result, 'redirect refused'), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 0,
			message: /^Aluma redirected the request to send GET \/classifiers away from its API host$/,
			fix: /only sent to the Base URL/,
		});
		expectOtherHostUntouched(env());
		expect(tap.relayed.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /oauth/token', 'GET /classifiers']);
		expectOnlyIssuedTokens(env());
		expect(m.secretHits).toBe(0);
	});

	it('API Request: 302 to the same port under another host name (localhost) → refused as another host', async () => {
		const s = scenario('API Request 302 to localhost (same port)');
		const { tap } = env();
		const port = new URL(env().baseUrl).port;
		tap.redirect({ method: 'GET', path: /^\/classifiers$/, status: 302, location: `http://localhost:${port}/classifiers?page=2` });
		const result = await runAluma({ parameters: apiRequest({ path: '/classifiers' }) });
		const m = s.finish(outcome(result, 'redirect refused'), [result]);

		expectNodeError(result, { kind: 'operation', itemIndex: 0, message: /away from its API host$/, fix: /only sent to the Base URL/ });
		// The redirect target (the tap itself under another name) never saw the request.
		expect(tap.relayed.filter((entry) => entry.path === '/classifiers')).toHaveLength(1);
		expectOnlyIssuedTokens(env());
		expect(m.secretHits).toBe(0);
	});

	it('Classify File: 307 on classify to another host (continueOnFail) → item error, document deleted, other host untouched', async () => {
		const s = scenario('classify 307 to another host, continueOnFail');
		const { tap, other } = env();
		tap.redirect({ method: 'POST', path: /\/classify\//, status: 307, location: `${other.url}/steal` });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(2), continueOnFail: true });
		const m = s.finish(outcome(result, 'redirect refused'), [result]);

		const out = expectEveryItem(result, 2);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(out[0].json.error).toBe('Aluma redirected the request to classify the document with the classifier "mailroom" away from its API host');
		expect(out[1].json.documentType).toBe('Invoice');
		expectOtherHostUntouched(env());
		expectOnlyIssuedTokens(env());
		expect(m.byRoute[ROUTE.delete]).toBe(2);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('the token endpoint answers 307 to another host → not followed: the secret is never sent there', async () => {
		const s = scenario('token endpoint 307 to another host');
		const { tap, other } = env();
		tap.redirect({ method: 'POST', path: /^\/oauth\/token$/, status: 307, location: `${other.url}/oauth/token` });
		const result = await runAluma({ parameters: classifyFile(), items: invoices(1) });
		const m = s.finish(outcome(result, 'redirect not followed'), [result]);

		expectNodeError(result, { kind: 'operation', itemIndex: 0, message: /^Aluma refused the token request \(HTTP 307\)$/, fix: /Check the Base URL/ });
		expectOtherHostUntouched(env());
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('redirects on the Aluma host', () => {
	it('302 to another path on the same host → followed with the token; nothing goes elsewhere', async () => {
		const s = scenario('API Request 302 on the same host');
		const { tap } = env();
		tap.redirect({ method: 'GET', path: /^\/classifiers$/, status: 302, location: '/classifiers/mailroom' });
		const result = await runAluma({ parameters: apiRequest({ path: '/classifiers' }) });
		const m = s.finish(outcome(result, 'redirect followed on the host'), [result]);

		expect(result.status).toBe('success');
		expect(expectEveryItem(result, 1)[0].json.name).toBe('mailroom');
		expect(tap.relayed.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /oauth/token', 'GET /classifiers', 'GET /classifiers/mailroom']);
		expect(tap.relayed.slice(1).every((entry) => entry.authorization === `Bearer ${String(tap.tokens.at(-1))}`)).toBe(true);
		expectOtherHostUntouched(env());
		expect(m.secretHits).toBe(0);
	});

	it('a redirect loop on the host → stops after 3 redirects with a readable error', async () => {
		const s = scenario('redirect loop on the same host');
		const { tap } = env();
		tap.redirect({ method: 'GET', path: /^\/classifiers$/, status: 302, location: '/classifiers', times: 10 });
		const result = await runAluma({ parameters: apiRequest({ path: '/classifiers' }) });
		const m = s.finish(outcome(result, 'bounded at 3 redirects'), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 0,
			message: /^Aluma redirected the request to send GET \/classifiers more than 3 times$/,
			fix: /keeps redirecting.*Base URL/,
		});
		expect(tap.relayed.filter((entry) => entry.path === '/classifiers')).toHaveLength(4);
		expectOtherHostUntouched(env());
		expect(m.secretHits).toBe(0);
	});
});

describe('credential tests report without the secret', () => {
	it('a working credential → OK; a wrong secret → Error that does not echo what was typed', async () => {
		const s = scenario('credential test: OK, then wrong secret');
		const good = await testCredential(newStore(), AlumaApi, CREDENTIAL_ID);
		const wrongSecret = `${CLIENT_SECRET}-wrong`;
		const bad = await testCredential(newStore({ clientSecret: wrongSecret }), AlumaApi, CREDENTIAL_ID);
		s.expose(JSON.stringify([good, bad]));
		const m = s.finish(`credential test → ${good.status}; wrong secret → ${bad.status}: ${bad.message}`, []);

		expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/rejected the client ID or client secret/);
		expect(countHits(JSON.stringify(bad), [wrongSecret, CLIENT_SECRET])).toBe(0);
		expect(m.tokenExchanges).toBe(1);
		expect(m.secretHits).toBe(0);
	});
});
