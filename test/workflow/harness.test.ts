/**
 * Proves the workflow-test harness (test/workflow/harness/) with a test-only credential type and node
 * against a loopback HTTP server: pre-authentication, persistence, the 401 refresh path, expressions,
 * binary data in both modes, continueOnFail, failed runs and the credential test.
 *
 * Run: npx jest test/workflow/harness.test.ts --selectProjects workflow
 * (HARNESS_TIMINGS=1 prints the measured per-run times to stderr.)
 */
import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IAuthenticateGeneric,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { fs, http, path, process } from '../support/node';
import {
	InMemoryCredentialStore,
	activeExpressionEngine,
	closeHarness,
	ensureHarness,
	harnessRoot,
	runNodeWorkflow,
	testCredential,
	useExpressionEngine,
} from './harness';
import type { NodeWorkflowResult, RunNodeWorkflowOptions } from './harness';

// ------------------------------------------------------------------------------------------------
// Loopback server: POST /oauth/token (form-urlencoded client credentials), Bearer-protected API.

interface LoggedRequest {
	method: string;
	path: string;
	token?: string;
	status: number;
}

interface FakeApi {
	baseUrl: string;
	log: LoggedRequest[];
	issued: string[];
	revokeAll(): void;
	tokenCalls(): LoggedRequest[];
	apiCalls(): LoggedRequest[];
	close(): Promise<void>;
}

const CLIENT_ID = 'harness-client';
const CLIENT_SECRET = 'harness-secret-value';

async function startFakeApi(): Promise<FakeApi> {
	const valid = new Set<string>();
	const issued: string[] = [];
	const log: LoggedRequest[] = [];
	const files = new Map<string, Buffer>();

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const auth = req.headers.authorization ?? '';
			const token = auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
			const send = (status: number, payload: unknown, type = 'application/json') => {
				log.push({ method: req.method ?? '', path: url.pathname, token, status });
				res.writeHead(status, { 'content-type': type });
				res.end(Buffer.isBuffer(payload) ? payload : JSON.stringify(payload));
			};

			if (req.method === 'POST' && url.pathname === '/oauth/token') {
				const form = new URLSearchParams(body.toString('utf8'));
				const formEncoded = String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded');
				if (!formEncoded || form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
					send(401, { error: 'invalid_client' });
					return;
				}
				const accessToken = `tok-${issued.length + 1}-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 8)}`;
				issued.push(accessToken);
				valid.add(accessToken);
				send(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 86400 });
				return;
			}
			if (!token || !valid.has(token)) {
				send(401, { message: 'Unauthorized' });
				return;
			}
			const item = /^\/items\/(\d+)$/.exec(url.pathname);
			if (req.method === 'GET' && item) {
				send(200, { id: Number(item[1]), label: url.searchParams.get('label') });
				return;
			}
			if (req.method === 'GET' && url.pathname === '/ping') {
				send(200, { ok: true });
				return;
			}
			if (req.method === 'POST' && url.pathname === '/files') {
				const sha256 = createHash('sha256').update(body).digest('hex');
				files.set(sha256, body);
				send(201, { sha256, size: body.length, contentType: req.headers['content-type'] });
				return;
			}
			const file = /^\/files\/([0-9a-f]{64})\/processed$/.exec(url.pathname);
			if (req.method === 'GET' && file && files.has(file[1])) {
				send(200, Buffer.concat([Buffer.from('PROCESSED:'), files.get(file[1]) as Buffer]), 'application/octet-stream');
				return;
			}
			send(404, { message: `No route for ${req.method} ${url.pathname}` });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		log,
		issued,
		revokeAll: () => valid.clear(),
		tokenCalls: () => log.filter((r) => r.path === '/oauth/token'),
		apiCalls: () => log.filter((r) => r.path !== '/oauth/token'),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

// ------------------------------------------------------------------------------------------------
// Test-only credential type (CrowdStrike pattern) and node.

class HarnessTestApi implements ICredentialType {
	name = 'harnessTestApi';

	displayName = 'Harness Test API';

	documentationUrl = 'https://example.com/harness-test-api';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${String(credentials.baseUrl)}/oauth/token`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { client_id: credentials.clientId, client_secret: credentials.clientSecret },
		})) as { access_token: string };
		return { accessToken: response.access_token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/ping', method: 'GET' },
	};
}

class HarnessTestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Test Node',
		name: 'harnessTestNode',
		group: ['transform'],
		version: 1,
		description: 'Calls the loopback API per item',
		defaults: { name: 'Harness Test Node' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'harnessTestApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				options: [
					{ name: 'Get (Sequential)', value: 'get' },
					{ name: 'Get (Parallel)', value: 'getParallel' },
					{ name: 'Process File', value: 'processFile' },
				],
				default: 'get',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/items/1' },
			{ displayName: 'Label', name: 'label', type: 'string', default: '' },
			{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const { baseUrl } = await this.getCredentials('harnessTestApi');

		const getItem = async (i: number): Promise<INodeExecutionData> => {
			const options: IHttpRequestOptions = {
				method: 'GET',
				url: `${String(baseUrl)}${this.getNodeParameter('path', i) as string}`,
				qs: { label: this.getNodeParameter('label', i) as string },
				json: true,
			};
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTestApi', options)) as IDataObject;
			return { json: response, pairedItem: { item: i } };
		};

		const processFile = async (i: number): Promise<INodeExecutionData> => {
			const property = this.getNodeParameter('binaryPropertyName', i) as string;
			const meta = this.helpers.assertBinaryData(i, property);
			const bytes = await this.helpers.getBinaryDataBuffer(i, property);
			let readVia = 'buffer';
			if (meta.id) {
				const streamed = await this.helpers.binaryToBuffer(await this.helpers.getBinaryStream(meta.id));
				if (!streamed.equals(bytes)) throw new Error('stream and buffer reads differ');
				readVia = 'stream';
			}
			const uploaded = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTestApi', {
				method: 'POST',
				url: `${String(baseUrl)}/files`,
				headers: { 'Content-Type': meta.mimeType },
				body: bytes,
			})) as { sha256: string; size: number; contentType: string };
			const processed = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessTestApi', {
				method: 'GET',
				url: `${String(baseUrl)}/files/${uploaded.sha256}/processed`,
				encoding: 'arraybuffer',
			})) as Buffer;
			const result = await this.helpers.prepareBinaryData(
				Buffer.from(processed),
				`processed-${meta.fileName ?? 'file'}`,
				'application/octet-stream',
			);
			return {
				json: { ...uploaded, fileName: meta.fileName, readVia },
				binary: { result },
				pairedItem: { item: i },
			};
		};

		if (operation === 'getParallel') {
			return [await Promise.all(items.map(async (_item, i) => await getItem(i)))];
		}
		const returnData: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				returnData.push(operation === 'processFile' ? await processFile(i) : await getItem(i));
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				// Errors of httpRequestWithAuthentication are NodeApiErrors already; re-wrapping returns them as they are.
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
			}
		}
		return [returnData];
	}
}

// ------------------------------------------------------------------------------------------------

let api: FakeApi;
const timings: Array<{ name: string; items: number; ms: number }> = [];

function newStore(data: ICredentialDataDecryptedObject = {}): InMemoryCredentialStore {
	return new InMemoryCredentialStore().add({
		id: 'cred-1',
		name: 'Harness',
		type: 'harnessTestApi',
		data: { baseUrl: api.baseUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, accessToken: '', ...data },
	});
}

async function run(
	name: string,
	store: InMemoryCredentialStore,
	options: Partial<RunNodeWorkflowOptions> & Pick<RunNodeWorkflowOptions, 'node'>,
): Promise<NodeWorkflowResult> {
	const result = await runNodeWorkflow({
		nodeTypes: [HarnessTestNode],
		credentialTypes: [HarnessTestApi],
		credentials: store,
		...options,
		node: { credentials: { harnessTestApi: { id: 'cred-1', name: 'Harness' } }, ...options.node },
	});
	timings.push({ name, items: options.items?.length ?? 1, ms: Math.round(result.durationMs * 10) / 10 });
	return result;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { id: i + 1 } }));

beforeAll(async () => {
	api = await startFakeApi();
});

afterAll(async () => {
	await closeHarness();
	await api.close();
	if (process.env.HARNESS_TIMINGS) process.stderr.write(`harness run timings (ms): ${JSON.stringify(timings)}\n`);
});

describe('runNodeWorkflow: pre-authentication like n8n 2.41', () => {
	const store = () => shared;
	let shared: InMemoryCredentialStore;

	beforeAll(() => {
		shared = newStore();
	});

	it('fetches one token for 20 sequential items, persists it, and resolves expressions per item', async () => {
		const before = api.log.length;
		const result = await run('20 items, empty token', store(), {
			node: {
				type: 'harnessTestNode',
				parameters: { operation: 'get', path: "={{ '/items/' + $json.id }}", label: '={{ "item-" + ($json.id * 10) }}' },
			},
			items: ids(20),
		});

		expect(result.status).toBe('success');
		expect(result.outputs[0].map((i) => i.json)).toEqual(
			Array.from({ length: 20 }, (_, i) => ({ id: i + 1, label: `item-${(i + 1) * 10}` })),
		);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual(Array.from({ length: 20 }, (_, i) => ({ item: i })));
		const calls = api.log.slice(before);
		expect(calls.filter((c) => c.path === '/oauth/token')).toHaveLength(1);
		const gets = calls.filter((c) => c.path.startsWith('/items/'));
		expect(gets).toHaveLength(20);
		expect(new Set(gets.map((g) => g.token))).toEqual(new Set([api.issued.at(-1)]));
		expect(shared.updates).toBe(1);
		expect(shared.writes[0]).toEqual({ id: 'cred-1', type: 'harnessTestApi', changedKeys: ['accessToken'] });
		expect(shared.data('cred-1').accessToken).toBe(api.issued.at(-1));
	});

	it('reuses the persisted token in a second run (no token exchange, no write)', async () => {
		const before = api.log.length;
		const result = await run('5 items, stored token', store(), {
			node: { type: 'harnessTestNode', parameters: { operation: 'get', path: "={{ '/items/' + $json.id }}" } },
			items: ids(5),
		});
		expect(result.status).toBe('success');
		expect(result.outputs[0]).toHaveLength(5);
		const calls = api.log.slice(before);
		expect(calls.filter((c) => c.path === '/oauth/token')).toHaveLength(0);
		expect(calls.every((c) => c.token === shared.data('cred-1').accessToken && c.status === 200)).toBe(true);
		expect(shared.updates).toBe(1);
	});

	it('after a server-side revoke: one 401, one refresh, one resend, then the new token', async () => {
		const oldToken = shared.data('cred-1').accessToken;
		api.revokeAll();
		const before = api.log.length;
		const result = await run('3 items, revoked token', store(), {
			node: { type: 'harnessTestNode', parameters: { operation: 'get', path: "={{ '/items/' + $json.id }}" } },
			items: ids(3),
		});
		expect(result.status).toBe('success');
		expect(result.outputs[0].map((i) => i.json.id)).toEqual([1, 2, 3]);
		const newToken = api.issued.at(-1);
		expect(newToken).not.toBe(oldToken);
		expect(api.log.slice(before).map((c) => [c.method, c.path, c.status, c.token === newToken ? 'new' : 'old'])).toEqual([
			['GET', '/items/1', 401, 'old'],
			['POST', '/oauth/token', 200, 'old'],
			['GET', '/items/1', 200, 'new'],
			['GET', '/items/2', 200, 'new'],
			['GET', '/items/3', 200, 'new'],
		]);
		expect(shared.updates).toBe(2);
		expect(shared.data('cred-1').accessToken).toBe(newToken);
	});

	it('parallel requests with an empty token each fetch a token (no lock in core), last write wins', async () => {
		const parallelStore = newStore();
		const before = api.log.length;
		const result = await run('5 items parallel, empty token', parallelStore, {
			node: { type: 'harnessTestNode', parameters: { operation: 'getParallel', path: "={{ '/items/' + $json.id }}" } },
			items: ids(5),
		});
		expect(result.status).toBe('success');
		expect(result.outputs[0].map((i) => i.json.id)).toEqual([1, 2, 3, 4, 5]);
		const calls = api.log.slice(before);
		expect(calls.filter((c) => c.path === '/oauth/token')).toHaveLength(5);
		expect(calls.filter((c) => c.path.startsWith('/items/') && c.status === 200)).toHaveLength(5);
		expect(parallelStore.updates).toBe(5);
		expect(api.issued.slice(-5)).toContain(parallelStore.data('cred-1').accessToken);
	});

	it('handles 200 sequential items and 50 parallel requests with the stored token', async () => {
		const before = api.log.length;
		const sequential = await run('200 items, stored token', store(), {
			node: { type: 'harnessTestNode', parameters: { operation: 'get', path: "={{ '/items/' + $json.id }}" } },
			items: ids(200),
		});
		const parallel = await run('50 items parallel, stored token', store(), {
			node: { type: 'harnessTestNode', parameters: { operation: 'getParallel', path: "={{ '/items/' + $json.id }}" } },
			items: ids(50),
		});
		expect(sequential.outputs[0].map((i) => i.json.id)).toEqual(ids(200).map((i) => i.json.id));
		expect(parallel.outputs[0].map((i) => i.json.id)).toEqual(ids(50).map((i) => i.json.id));
		const calls = api.log.slice(before);
		expect(calls).toHaveLength(250);
		expect(calls.every((c) => c.status === 200 && c.token === shared.data('cred-1').accessToken)).toBe(true);
		expect(shared.updates).toBe(2);
	});

	it('runs a chain after the tested node, with expressions reading the previous output', async () => {
		const result = await run('chain of 2 nodes, 4 items', store(), {
			node: { type: 'harnessTestNode', parameters: { operation: 'get', path: "={{ '/items/' + $json.id }}" } },
			chain: [
				{
					type: 'n8n-nodes-aluma.harnessTestNode',
					credentials: { harnessTestApi: { id: 'cred-1', name: 'Harness' } },
					parameters: { operation: 'get', path: "={{ '/items/' + ($json.id + 100) }}", label: "={{ $('Node Under Test').item.json.id }}" },
				},
			],
			items: ids(4),
		});
		expect(result.status).toBe('success');
		expect(result.outputs[0].map((i) => i.json.id)).toEqual([1, 2, 3, 4]);
		expect(result.outputsOf('Chain 1')[0].map((i) => i.json)).toEqual([
			{ id: 101, label: '1' },
			{ id: 102, label: '2' },
			{ id: 103, label: '3' },
			{ id: 104, label: '4' },
		]);
	});
});

describe('runNodeWorkflow: binary data', () => {
	const files = [
		{ name: 'a.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.4 first document') },
		{ name: 'b.txt', mime: 'text/plain', bytes: Buffer.from('second file, plain text') },
		{ name: 'c.bin', mime: 'application/octet-stream', bytes: Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 254, 255]) },
	];

	it.each(['memory', 'filesystem'] as const)('reads input binaries and emits output binaries in %s mode', async (binaryMode) => {
		const store = newStore();
		const result = await run(`3 files, ${binaryMode}`, store, {
			node: { type: 'harnessTestNode', parameters: { operation: 'processFile' } },
			items: files.map((f, i) => ({ json: { n: i }, binary: { data: { buffer: f.bytes, fileName: f.name, mimeType: f.mime } } })),
			binaryMode,
		});
		expect(result.status).toBe('success');
		const out = result.outputs[0];
		expect(out).toHaveLength(3);
		for (const [i, f] of files.entries()) {
			expect(out[i].json).toEqual({
				sha256: createHash('sha256').update(f.bytes).digest('hex'),
				size: f.bytes.length,
				contentType: f.mime,
				fileName: f.name,
				readVia: binaryMode === 'filesystem' ? 'stream' : 'buffer',
			});
			const binary = out[i].binary?.result;
			expect(binary).toMatchObject({ fileName: `processed-${f.name}`, mimeType: 'application/octet-stream' });
			expect(await result.binary(out[i], 'result')).toEqual(Buffer.concat([Buffer.from('PROCESSED:'), f.bytes]));
			if (binaryMode === 'filesystem') {
				expect(binary?.id).toMatch(/^filesystem-v2:/);
				expect(binary?.data).toBe('filesystem-v2');
			} else {
				expect(binary?.id).toBeUndefined();
				expect(Buffer.from(String(binary?.data), 'base64')).toEqual(Buffer.concat([Buffer.from('PROCESSED:'), f.bytes]));
			}
		}
		// Input binaries as the trigger stored them.
		const trigger = result.outputsOf('Harness Trigger')[0];
		expect(await result.binary(trigger[2])).toEqual(files[2].bytes);
		if (binaryMode === 'filesystem') {
			const root = harnessRoot() as string;
			const onDisk = fs
				.readdirSync(path.join(root, '.n8n', 'storage'), { recursive: true })
				.map(String)
				.filter((p: string) => p.includes(result.executionId));
			expect(onDisk.length).toBeGreaterThan(0);
		}
		expect(store.updates).toBe(1);
	});
});

describe('runNodeWorkflow: errors', () => {
	it('continueOnFail turns a failing item into an error item and the run succeeds', async () => {
		const result = await run('continueOnFail, 3 items', newStore(), {
			node: {
				type: 'harnessTestNode',
				parameters: { operation: 'get', path: "={{ $json.id === 2 ? '/nowhere' : '/items/' + $json.id }}" },
				continueOnFail: true,
			},
			items: ids(3),
		});
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		const out = result.outputs[0];
		expect(out.map((i) => i.json.id)).toEqual([1, undefined, 3]);
		expect(String(out[1].json.error)).toMatch(/resource you are requesting could not be found/i);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	it('a failing node fails the run with the NodeApiError it threw', async () => {
		const result = await run('failing run', newStore(), {
			node: { type: 'harnessTestNode', parameters: { operation: 'get', path: '/nowhere' } },
		});
		expect(result.status).toBe('error');
		expect(result.outputs).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('404');
		expect(result.executionError).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Node Under Test');
	});

	it('a wrong client secret fails after two token attempts (the hook 401 enters the retry path)', async () => {
		const before = api.log.length;
		const store = newStore({ clientSecret: 'wrong' });
		const result = await run('wrong secret', store, {
			node: { type: 'harnessTestNode', parameters: { operation: 'get' } },
		});
		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('401');
		expect(api.log.slice(before).map((c) => [c.path, c.status])).toEqual([
			['/oauth/token', 401],
			['/oauth/token', 401],
		]);
		expect(store.updates).toBe(0);
	});
});

describe('testCredential', () => {
	it('forces a token exchange even with a valid stored token, persists it, and reports OK', async () => {
		const store = newStore();
		const first = await run('token for credential test', store, { node: { type: 'harnessTestNode' } });
		expect(first.status).toBe('success');
		const stored = store.data('cred-1').accessToken;
		const before = api.log.length;

		await expect(testCredential(store, HarnessTestApi, 'cred-1')).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const calls = api.log.slice(before);
		expect(calls.map((c) => [c.path, c.status])).toEqual([
			['/oauth/token', 200],
			['/ping', 200],
		]);
		expect(calls[1].token).toBe(api.issued.at(-1));
		expect(store.data('cred-1').accessToken).toBe(api.issued.at(-1));
		expect(store.data('cred-1').accessToken).not.toBe(stored);
		expect(store.updates).toBe(2);
	});

	it('reports Error with the status text for a wrong secret and leaves the store unchanged', async () => {
		const store = newStore({ clientSecret: 'wrong', accessToken: 'tok-stale' });
		const before = api.log.length;
		await expect(testCredential(store, HarnessTestApi, 'cred-1')).resolves.toEqual({
			status: 'Error',
			message: 'Unauthorized',
		});
		expect(api.log.slice(before).map((c) => [c.path, c.status])).toEqual([
			['/oauth/token', 401],
			['/oauth/token', 401],
		]);
		expect(store.updates).toBe(0);
		expect(store.data('cred-1').accessToken).toBe('tok-stale');
	});
});

describe('environment', () => {
	it('evaluates expressions with the legacy engine in-process; the vm engine needs isolated-vm for this Node', async () => {
		expect(activeExpressionEngine()).toBe('legacy');
		const vm = await useExpressionEngine('vm').then(
			() => 'started',
			(error: Error) => error.message,
		);
		if (vm === 'started') {
			const result = await run('vm engine, 2 items', newStore(), {
				node: { type: 'harnessTestNode', parameters: { operation: 'get', path: "={{ '/items/' + $json.id }}" } },
				items: ids(2),
			});
			expect(activeExpressionEngine()).toBe('vm');
			expect(result.outputs[0].map((i) => i.json.id)).toEqual([1, 2]);
		} else {
			// In jest (CommonJS) n8n-workflow's `import('@n8n/expression-runtime')` needs
			// --experimental-vm-modules; outside jest on Node 20 (ABI 115) isolated-vm 7 has no prebuild
			// (it ships ABI 137/147) and its build script was skipped: "IsolatePool failed to create any bridges".
			expect(vm).toMatch(/^The vm expression engine could not start: (A dynamic import callback|IsolatePool failed)/);
			expect(activeExpressionEngine()).toBe('legacy');
			const result = await run('legacy engine after failed vm start', newStore(), {
				node: { type: 'harnessTestNode', parameters: { operation: 'get', path: "={{ '/items/' + $json.id }}" } },
				items: ids(2),
			});
			expect(result.outputs[0].map((i) => i.json.id)).toEqual([1, 2]);
		}
		await useExpressionEngine('legacy');
		expect(activeExpressionEngine()).toBe('legacy');
	});

	it('closeHarness removes the temp folder (binary data, instance settings)', async () => {
		await ensureHarness();
		const root = harnessRoot() as string;
		expect(fs.existsSync(path.join(root, '.n8n', 'config'))).toBe(true);
		await closeHarness();
		expect(fs.existsSync(root)).toBe(false);
		expect(harnessRoot()).toBeUndefined();

		// The next run starts a fresh environment (new temp folder, new DI instances).
		const result = await run('run after closeHarness', newStore(), {
			node: { type: 'harnessTestNode', parameters: { operation: 'processFile' } },
			items: [{ json: {}, binary: { data: { buffer: Buffer.from('again'), fileName: 'x.txt', mimeType: 'text/plain' } } }],
			binaryMode: 'filesystem',
		});
		expect(result.status).toBe('success');
		expect(harnessRoot()).not.toBe(root);
		expect(await result.binary(result.outputs[0][0], 'result')).toEqual(Buffer.from('PROCESSED:again'));
		const second = harnessRoot() as string;
		await closeHarness();
		expect(fs.existsSync(second)).toBe(false);
	});
});
