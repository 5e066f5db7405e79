import { timers } from '../../support/node';

import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { AlumaContext } from '../../../nodes/Aluma/transport/tokenSession';
import { resetTokenCache, sessionFor } from '../../../nodes/Aluma/transport/tokenSession';

/**
 * A stand-in for n8n core's httpRequestWithAuthentication with the same pre-authentication rule
 * (run the hook when the passed token is empty, assign its result into the passed data) and a
 * tiny API behind it that knows which tokens are valid.
 */
function fakeCore(options: { lifetimeMs?: number; now: () => number }) {
	const valid = new Map<string, number>();
	let issued = 0;
	const log = { exchanges: 0, requests: 0, unauthorized: 0, tokensSeen: [] as string[] };
	const revokeAll = () => valid.clear();
	const exchange = async () => {
		log.exchanges++;
		await Promise.resolve();
		const token = `token-${++issued}`;
		valid.set(token, options.now() + (options.lifetimeMs ?? 3_600_000));
		return { accessToken: token, tokenExpiresAt: options.now() + (options.lifetimeMs ?? 3_600_000) - 1000 };
	};
	const httpRequestWithAuthentication = jest.fn(
		async (_type: string, request: IHttpRequestOptions, extra: { credentialsDecrypted: { data: Record<string, unknown> } }) => {
			const data = extra.credentialsDecrypted.data;
			if (data.accessToken === '') Object.assign(data, await exchange());
			const token = String(data.accessToken);
			log.requests++;
			log.tokensSeen.push(token);
			await timers.setImmediate();
			const expiresAt = valid.get(token);
			const ok = expiresAt !== undefined && options.now() < expiresAt;
			if (!ok) log.unauthorized++;
			return { statusCode: ok ? 200 : 401, headers: {}, body: Buffer.from(ok ? `{"url":"${request.url}"}` : '') } as IN8nHttpFullResponse;
		},
	);
	return { httpRequestWithAuthentication, log, revokeAll, valid };
}

function fakeContext(core: ReturnType<typeof fakeCore>, stored: Record<string, unknown>): AlumaContext {
	return {
		getNode: () => ({ credentials: { alumaApi: { id: 'cred-1', name: 'Aluma' } } }),
		getCredentials: async () => ({ ...stored }),
		helpers: { httpRequestWithAuthentication: core.httpRequestWithAuthentication },
	} as unknown as AlumaContext;
}

const request = async () => ({ url: 'http://127.0.0.1/documents', method: 'GET' as const });

describe('token session', () => {
	let clock = 1_000_000;
	const now = () => clock;
	beforeEach(() => {
		resetTokenCache();
		clock = 1_000_000;
		jest.spyOn(Date, 'now').mockImplementation(now);
	});
	afterEach(() => jest.restoreAllMocks());

	const stored = { clientId: 'c', clientSecret: 'x', baseUrl: 'http://127.0.0.1', accessToken: '', tokenExpiresAt: 0 };

	it('makes one token exchange for 50 parallel requests that start without a token', async () => {
		const core = fakeCore({ now });
		const session = sessionFor(fakeContext(core, stored));
		const responses = await Promise.all(Array.from({ length: 50 }, async () => await session.send(request)));
		expect(responses.every((response) => response.statusCode === 200)).toBe(true);
		expect(core.log).toMatchObject({ exchanges: 1, requests: 50, unauthorized: 0 });
	});

	it('renews before the stored renew-by time passes, so no request is sent with an expired token', async () => {
		const core = fakeCore({ now, lifetimeMs: 60_000 });
		const session = sessionFor(fakeContext(core, stored));
		await session.send(request);
		clock += 59_500; // past renew-by (lifetime - 1 s), still before the server's expiry
		await Promise.all(Array.from({ length: 10 }, async () => await session.send(request)));
		expect(core.log).toMatchObject({ exchanges: 2, requests: 11, unauthorized: 0 });
		expect(new Set(core.log.tokensSeen.slice(1))).toEqual(new Set(['token-2']));
	});

	it('recovers from a revoked token with one renewal and one resend per request', async () => {
		const core = fakeCore({ now });
		const session = sessionFor(fakeContext(core, stored));
		await session.send(request);
		core.revokeAll();
		const responses = await Promise.all(Array.from({ length: 5 }, async () => await session.send(request)));
		expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
		expect(core.log.exchanges).toBe(2);
		expect(core.log.unauthorized).toBe(5);
		expect(core.log.requests).toBe(1 + 5 + 5);
	});

	it('fails fast with one clear error when Aluma refuses the tokens it has just issued, instead of an exchange per item', async () => {
		const core = fakeCore({ now });
		core.httpRequestWithAuthentication.mockImplementation(async (_t, _r, extra) => {
			const data = extra.credentialsDecrypted.data;
			if (data.accessToken === '') Object.assign(data, { accessToken: `t${++core.log.exchanges}`, tokenExpiresAt: clock + 10_000 });
			core.log.requests++;
			await timers.setImmediate();
			return { statusCode: 401, headers: {}, body: Buffer.alloc(0) } as IN8nHttpFullResponse;
		});
		const session = sessionFor(fakeContext(core, { ...stored, accessToken: 'old', tokenExpiresAt: clock + 10_000 }));
		const results = await Promise.allSettled(Array.from({ length: 12 }, async () => await session.send(request)));
		expect(results.map((result) => result.status)).toEqual(Array(12).fill('rejected'));
		for (const result of results) {
			expect((result as PromiseRejectedResult).reason.message).toBe('Aluma refused the access token it had just issued to this API client');
		}
		// Two fresh tokens refused in a row (one could be a revocation racing the renewal), then no more.
		expect(core.log.exchanges).toBe(2);
		// A later execution within the pause does not exchange again either.
		await expect(sessionFor(fakeContext(core, stored)).send(request)).rejects.toThrow('had just issued');
		expect(core.log.exchanges).toBe(2);
		// After the pause one exchange probes again; refused, it pauses at once.
		clock += 61_000;
		await expect(sessionFor(fakeContext(core, stored)).send(request)).rejects.toThrow('had just issued');
		expect(core.log.exchanges).toBe(3);
	});

	it('lets a request whose newer token was revoked too take part in one more renewal (revocation racing a parallel batch)', async () => {
		const core = fakeCore({ now });
		const session = sessionFor(fakeContext(core, stored));
		await session.send(request);
		core.revokeAll();
		// Aluma revokes again right after the renewal: the second token is refused once, for everyone.
		const real = core.httpRequestWithAuthentication.getMockImplementation()!;
		let revokedSecond = false;
		core.httpRequestWithAuthentication.mockImplementation(async (type, options, extra) => {
			const answer = await real(type, options, extra);
			if (!revokedSecond && core.log.exchanges === 2 && answer.statusCode === 200) {
				revokedSecond = true;
				core.revokeAll();
				core.log.unauthorized++;
				return { ...answer, statusCode: 401, body: Buffer.alloc(0) };
			}
			return answer;
		});
		const results = await Promise.allSettled(Array.from({ length: 12 }, async () => await session.send(request)));
		expect(results.map((result) => (result.status === 'fulfilled' ? result.value.statusCode : result.reason.message))).toEqual(
			Array(12).fill(200),
		);
		expect(core.log.exchanges).toBe(3);
	});

	it('lets a later execution reuse a token renewed by an earlier one in the same process', async () => {
		const core = fakeCore({ now });
		await sessionFor(fakeContext(core, stored)).send(request);
		// The second execution reads stale stored data (e.g. before the write landed), yet does not renew again.
		await sessionFor(fakeContext(core, stored)).send(request);
		expect(core.log.exchanges).toBe(1);
	});

	it('shares a failed exchange with every waiting request instead of retrying it per request', async () => {
		const core = fakeCore({ now });
		core.httpRequestWithAuthentication.mockImplementation(async () => {
			core.log.exchanges++;
			await timers.setImmediate();
			throw new Error('Aluma rejected the client ID or client secret');
		});
		const session = sessionFor(fakeContext(core, stored));
		const results = await Promise.allSettled(Array.from({ length: 5 }, async () => await session.send(request)));
		expect(results.every((result) => result.status === 'rejected')).toBe(true);
		expect(core.log.exchanges).toBe(1);
	});
});
