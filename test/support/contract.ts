/**
 * Shared set-up for the contract tests: the Aluma node runs in n8n-core's engine (the workflow-test
 * harness) against `https://api.aluma.io`, and nock answers every request instead of Aluma.
 * `nock.disableNetConnect()` is on for the whole file, so a request nobody pinned fails the test.
 *
 * `useNock()` registers the hooks; every test pins its requests with `aluma()` and the helpers here,
 * and `afterEach` fails the test when a pinned request was not made.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { resetTokenCache } from '../../nodes/Aluma/transport/tokenSession';
import type { InMemoryCredentialStore, NodeWorkflowResult } from '../workflow/harness';
import { closeHarness } from '../workflow/harness';
import type { RunAlumaOptions } from './fakeAlumaWorkflow';
import { CLIENT_ID, CLIENT_SECRET, newStore, runAluma } from './fakeAlumaWorkflow';
import { fs } from './node';
import nock from './nock';

export { nock };

export const ALUMA = 'https://api.aluma.io';
/** The token every test's credential already holds (valid for a day). */
export const TOKEN = 'dummy-contract-token-7f3a91c2';
export const BEARER = `Bearer ${TOKEN}`;
/** axios's Accept when the node asks for no particular type. */
export const DEFAULT_ACCEPT = 'application/json, text/plain, */*';

/** A credential for https://api.aluma.io holding `TOKEN`, or no token with `{ accessToken: '' }`. */
export function contractStore(data: IDataObject = {}): InMemoryCredentialStore {
	return newStore(ALUMA, { accessToken: TOKEN, tokenExpiresAt: Date.now() + 86_400_000, ...data });
}

/** A nock scope for the Aluma API host. */
export function aluma(): nock.Scope {
	return nock(ALUMA);
}

/** Pins the token request: a form body with the ID and secret, JSON accepted, no Authorization. */
export function expectTokenRequest(scope: nock.Scope, token: string, expiresIn = 86400): nock.Scope {
	return scope
		.post('/oauth/token', `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`)
		.matchHeader('content-type', 'application/x-www-form-urlencoded')
		.matchHeader('accept', 'application/json')
		.matchHeader('authorization', (value: string | null) => value === null || value === undefined)
		.reply(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
}

export interface RecordedRequest {
	method: string;
	/** Path and query string. */
	path: string;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: Buffer;
	at: number;
}

/**
 * A reply function (nock 15 calls it with the fetch Request) that records the request as sent,
 * raw body included, before answering `status` with `body` and `headers`.
 */
export function recordAndReply(
	log: RecordedRequest[],
	status: number,
	body: nock.ReplyBody = '',
	headers: Record<string, string> = {},
): (request: Request) => Promise<nock.ReplyFnResult> {
	return async (request: Request) => {
		const url = new URL(request.url);
		log.push({
			method: request.method,
			path: `${url.pathname}${url.search}`,
			headers: Object.fromEntries(request.headers.entries()),
			body: Buffer.from(await request.arrayBuffer()),
			at: Date.now(),
		});
		return [status, body, headers];
	};
}

/**
 * The `Error` class of Node's own realm. nock runs there (see nock.js) and hangs on errors from
 * jest's realm (they fail its `instanceof Error`), so errors handed to `replyWithError` come from
 * here; a failed core call yields one.
 */
const NodeRealmError: ErrorConstructor = (() => {
	try {
		fs.readFileSync('/nonexistent/contract-test-probe');
	} catch (error) {
		return (error as Error).constructor as ErrorConstructor;
	}
	throw new Error('Reading a missing file did not fail');
})();

/** A network failure for `replyWithError`, e.g. `networkError('ECONNRESET', 'socket hang up')`. */
export function networkError(code: string, message: string): Error {
	return Object.assign(new NodeRealmError(message), { code });
}

/** Registers the hooks of a contract test file; returns a runner for the Aluma node. */
export function useNock(): {
	run(options: Omit<RunAlumaOptions, 'store'> & { store?: InMemoryCredentialStore }): Promise<NodeWorkflowResult>;
} {
	beforeAll(() => {
		// nock lives in Node's own module cache, shared by the test files of a worker: switch it on here.
		if (!nock.isActive()) nock.activate();
		nock.disableNetConnect();
	});

	beforeEach(() => {
		// Start clean even if an earlier test file of this worker left interceptors behind.
		nock.cleanAll();
		resetTokenCache();
	});

	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		// Every pinned request must have been made.
		expect(pending).toEqual([]);
	});

	afterAll(async () => {
		await closeHarness();
		nock.cleanAll();
		// nock stays active (other contract files of this worker load the same instance and expect
		// it on); with no interceptors and net connect enabled it passes every request through.
		nock.enableNetConnect();
	});

	return {
		run: async (options) => await runAluma({ ...options, store: options.store ?? contractStore() }),
	};
}

export function apiRequest(parameters: INodeParameters): INodeParameters {
	return { resource: 'apiRequest', operation: 'send', method: 'GET', bodyType: 'none', responseFormat: 'json', ...parameters };
}
