/**
 * Contract-test set-up for the Classifier/Extractor/Module and Project/Task/Export resources: the
 * Aluma node runs in n8n-core's engine (the workflow-test harness) against Aluma's real address,
 * with every request answered by nock and the network closed. Each test records the requests
 * exactly as they left the node (method, path, query, headers, raw body) and fails on any request
 * nobody expected or any expected request that was not made. nock comes from ./nock
 * (loaded by Node itself: nock 15 is an ES module jest cannot load on Node 20).
 *
 * Binary data stays in n8n's memory mode in these tests: nock 15 on Node 20 drops streamed request
 * bodies now and then (ENOTFOUND / ERR_BAD_RESPONSE, seen in 29 of 40 plain axios uploads of a file
 * stream, 0 of 40 with a Buffer), so streamed (filesystem mode) uploads are proven against the fake
 * server in test/workflow instead.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AlumaApi } from '../../credentials/AlumaApi.credentials';
import { Aluma } from '../../nodes/Aluma/Aluma.node';
import { resetTokenCache } from '../../nodes/Aluma/transport/tokenSession';
import { InMemoryCredentialStore, closeHarness, runNodeWorkflow } from '../workflow/harness';
import type { BinaryMode, HarnessInputItem, NodeWorkflowResult } from '../workflow/harness';
import nock from './nock';

export { nock };

export const BASE_URL = 'https://api.aluma.io';
/** The access value stored in the test credential (not a secret: nock checks it comes back). */
export const STORED_ACCESS = 'contract-access-6b1d';
export const CREDENTIAL = { id: 'cred-contract', name: 'Aluma contract' };

/** A request as nock saw it. */
export interface SeenRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	/** The raw body bytes. */
	body: Buffer;
}

export interface ContractFixture {
	readonly store: InMemoryCredentialStore;
	/** Every request that reached an interceptor, in order. */
	readonly seen: SeenRequest[];
	/** A nock scope on Aluma's host that requires the bearer token and records what it answers. */
	aluma(): nock.Scope;
	/** A reply function that records the request and answers `status` with `body` and `headers`. */
	reply(status: number, body?: unknown, headers?: Record<string, string>): (request: Request) => Promise<nock.ReplyFnResult>;
	run(parameters: INodeParameters, items?: HarnessInputItem[], options?: { binaryMode?: BinaryMode; continueOnFail?: boolean }): Promise<NodeWorkflowResult>;
}

/** Registers the hooks of a contract test file and returns its fixture. */
export function useContract(): ContractFixture {
	const seen: SeenRequest[] = [];
	const unmatched: string[] = [];
	let store: InMemoryCredentialStore | undefined;
	const onNoMatch = (req: { method?: string; path?: string; href?: string }) => unmatched.push(`${req.method ?? ''} ${req.href ?? req.path ?? ''}`);

	beforeAll(() => {
		if (!nock.isActive()) nock.activate();
		nock.disableNetConnect();
		nock.emitter.on('no match', onNoMatch);
	});

	beforeEach(() => {
		nock.cleanAll();
		seen.length = 0;
		unmatched.length = 0;
		resetTokenCache();
		// A token that is valid for an hour: no token exchange in these tests.
		store = new InMemoryCredentialStore().add({
			...CREDENTIAL,
			type: 'alumaApi',
			data: { clientId: 'contract-client', clientSecret: 'contract-secret', baseUrl: BASE_URL, accessToken: STORED_ACCESS, tokenExpiresAt: Date.now() + 3_600_000 },
		});
	});

	afterEach(() => {
		expect(unmatched).toEqual([]);
		expect(nock.pendingMocks()).toEqual([]);
		nock.cleanAll();
	});

	afterAll(async () => {
		nock.emitter.removeListener('no match', onNoMatch);
		nock.enableNetConnect();
		nock.restore();
		await closeHarness();
	});

	return {
		get store() {
			if (!store) throw new Error('Use the store inside a test');
			return store;
		},
		seen,
		aluma: () => nock(BASE_URL, { reqheaders: { authorization: `Bearer ${STORED_ACCESS}` } }),
		reply: (status, body, headers = {}) =>
			async (request: Request) => {
				const url = new URL(request.url);
				seen.push({
					method: request.method,
					path: `${url.pathname}${url.search}`,
					headers: Object.fromEntries(request.headers.entries()),
					body: Buffer.from(await request.clone().arrayBuffer()),
				});
				if (body === undefined) return [status, '', headers] as const;
				if (Buffer.isBuffer(body) || typeof body === 'string') return [status, body, headers] as const;
				return [status, JSON.stringify(body), { 'content-type': 'application/json', ...headers }] as const;
			},
		run: async (parameters, items = [{ json: {} }], options = {}) =>
			await runNodeWorkflow({
				nodeTypes: [Aluma],
				credentialTypes: [AlumaApi],
				credentials: store,
				node: { type: 'aluma', parameters, credentials: { alumaApi: CREDENTIAL }, continueOnFail: options.continueOnFail },
				items,
				binaryMode: options.binaryMode,
			}),
	};
}

/** The json of every output item. */
export function jsonOf(result: NodeWorkflowResult): IDataObject[] {
	return (result.outputs[0] ?? []).map((item) => item.json);
}

/** The thrown error's fields tests check. */
export function failureOf(result: NodeWorkflowResult): { name: string; message: string; description: string; httpCode: unknown; itemIndex: unknown } {
	if (result.status !== 'error' || !result.error) throw new Error(`Expected the run to fail, it ended with status ${result.status}`);
	const error = result.error as unknown as { name: string; message: string; description?: string | null; httpCode?: unknown; context?: { itemIndex?: unknown } };
	return { name: error.name, message: error.message, description: String(error.description ?? ''), httpCode: error.httpCode, itemIndex: error.context?.itemIndex };
}

/** Fails with the run's error message when the run did not succeed. */
export function expectSuccess(result: NodeWorkflowResult): IDataObject[] {
	if (result.status !== 'success') throw new Error(`Expected the run to succeed, it failed: ${String(result.error?.message ?? result.status)}`);
	return jsonOf(result);
}

/** An input item with `bytes` in the binary property `data`. */
export function fileItem(bytes: Buffer, fileName: string, mimeType: string): HarnessInputItem {
	return { json: {}, binary: { data: { buffer: bytes, fileName, mimeType } } };
}

/** Aluma's legacy error body (classifier, documents and token APIs). */
export function legacyError(message: string, requestErrors?: Record<string, string[]>): IDataObject {
	return requestErrors ? { message, requestErrors } : { message };
}

/** An RFC 7807 problem body, as Aluma's newer APIs answer. */
export function problem(status: number, slug: string, title: string, detail: string): IDataObject {
	return { type: `https://docs.aluma.io/problems/${slug}`, title, status, detail, instance: 'urn:uuid:0f5b8f3e-contract' };
}
