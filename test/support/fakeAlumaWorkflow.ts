/**
 * Shared set-up for the Aluma workflow tests: the fake Aluma server, a credential store pointing at
 * it, the real fixtures, and `runAluma` (the Aluma node in n8n-core's engine through the harness).
 *
 * `useFakeAluma()` registers the jest hooks every Document/API Request/credential file needs:
 * one fake per file, a clean fake and token cache before each test, and an `afterEach` that fails
 * the test when an Aluma document is left behind (failure tests included).
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AlumaApi } from '../../credentials/AlumaApi.credentials';
import { Aluma } from '../../nodes/Aluma/Aluma.node';
import { resetTokenCache } from '../../nodes/Aluma/transport/tokenSession';
import { startFakeAluma } from '../fake-aluma';
import { FIXTURES_DIR } from '../fake-aluma/paths';
import { fs, path } from './node';
import { InMemoryCredentialStore, closeHarness, runNodeWorkflow } from '../workflow/harness';
import type { BinaryMode, HarnessInputItem, HarnessNodeSpec, NodeWorkflowResult } from '../workflow/harness';

export type FakeAluma = Awaited<ReturnType<typeof startFakeAluma>>;
export type FakeAlumaOptions = Parameters<typeof startFakeAluma>[0];
export type RequestLogEntry = ReturnType<FakeAluma['requests']>[number];

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'dummy-client-secret-5f1c9a';
export const CREDENTIAL_ID = 'cred-aluma';
export const CREDENTIAL_REF = { alumaApi: { id: CREDENTIAL_ID, name: 'Aluma test' } };

/** An Aluma API credential as n8n stores it: its id and name, and the API client it holds. */
export interface TestCredential {
	id: string;
	name: string;
	clientId: string;
	clientSecret: string;
}

const TEST_CREDENTIAL: TestCredential = { id: CREDENTIAL_ID, name: 'Aluma test', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

/** MIME types of the fixtures in test/fixtures. */
export const FIXTURE_TYPES: Record<string, string> = {
	'invoice.pdf': 'application/pdf',
	'ambiguous.pdf': 'application/pdf',
	'purchase-order.pdf': 'application/pdf',
	'letter.pdf': 'application/pdf',
	'image-only.pdf': 'application/pdf',
	'scan.tiff': 'image/tiff',
	'photo.png': 'image/png',
	'samples.zip': 'application/zip',
	'notes.txt': 'text/plain',
};

const fixtureCache = new Map<string, Buffer>();

/** The bytes of a file in test/fixtures. */
export function fixture(name: string): Buffer {
	let bytes = fixtureCache.get(name);
	if (!bytes) {
		bytes = fs.readFileSync(path.join(FIXTURES_DIR, name)) as Buffer;
		fixtureCache.set(name, bytes);
	}
	return bytes;
}

/** An input item carrying a fixture in the binary property `property` (default `data`). */
export function fileItem(name: string, options: { property?: string; json?: IDataObject; mimeType?: string } = {}): HarnessInputItem {
	return {
		json: { file: name, ...options.json },
		binary: {
			[options.property ?? 'data']: {
				buffer: fixture(name),
				fileName: name,
				mimeType: options.mimeType ?? FIXTURE_TYPES[name] ?? 'application/octet-stream',
			},
		},
	};
}

/** A resource-locator value typed "By Name". */
export function byName(value: string): INodeParameters {
	return { __rl: true, mode: 'name', value };
}

/** A credential store with one Aluma API credential pointing at `baseUrl`. */
export function newStore(baseUrl: string, data: IDataObject = {}, credential = TEST_CREDENTIAL): InMemoryCredentialStore {
	const { id, name, clientId, clientSecret } = credential;
	return new InMemoryCredentialStore().add({
		id,
		name,
		type: 'alumaApi',
		data: { clientId, clientSecret, baseUrl, accessToken: '', tokenExpiresAt: 0, ...data },
	});
}

export interface RunAlumaOptions {
	store: InMemoryCredentialStore;
	parameters: INodeParameters;
	/** The node's version (default 1, what saved workflows hold). */
	typeVersion?: number;
	items?: HarnessInputItem[];
	binaryMode?: BinaryMode;
	continueOnFail?: boolean;
	chain?: HarnessNodeSpec[];
	/** The credential the node uses (default: the workflow tests' own). */
	credential?: TestCredential;
	/** Stop the execution this long after it started, as the editor's Stop button does. */
	stopAfterMs?: number;
}

/** Runs "trigger → Aluma node" once in n8n-core's engine. */
export async function runAluma(options: RunAlumaOptions): Promise<NodeWorkflowResult> {
	return await runNodeWorkflow({
		nodeTypes: [Aluma],
		credentialTypes: [AlumaApi],
		credentials: options.store,
		node: {
			type: 'aluma',
			typeVersion: options.typeVersion,
			parameters: options.parameters,
			credentials: options.credential
				? { alumaApi: { id: options.credential.id, name: options.credential.name } }
				: CREDENTIAL_REF,
			continueOnFail: options.continueOnFail,
		},
		items: options.items ?? [{ json: {} }],
		binaryMode: options.binaryMode,
		chain: options.chain,
		stopAfterMs: options.stopAfterMs,
	});
}

/** The json of every output item of the tested node. */
export function jsonOf(result: NodeWorkflowResult): IDataObject[] {
	return (result.outputs[0] ?? []).map((item: INodeExecutionData) => item.json);
}

/** Fails with the run's error message when the run did not succeed (clearer than a status mismatch). */
export function expectSuccess(result: NodeWorkflowResult): INodeExecutionData[] {
	if (result.status !== 'success') {
		throw new Error(`Expected the run to succeed, it failed: ${String(result.error?.message ?? result.status)}`);
	}
	return result.outputs[0] ?? [];
}

/** The error the node threw, with the fields tests check. */
export function failureOf(result: NodeWorkflowResult): {
	name: string;
	message: string;
	description: string;
	itemIndex: unknown;
	httpCode: unknown;
} {
	if (result.status !== 'error' || !result.error) throw new Error(`Expected the run to fail, it ended with status ${result.status}`);
	const error = result.error as unknown as {
		name: string;
		message: string;
		description?: string | null;
		context?: { itemIndex?: unknown };
		httpCode?: unknown;
	};
	return {
		name: error.name,
		message: error.message,
		description: String(error.description ?? ''),
		itemIndex: error.context?.itemIndex,
		httpCode: error.httpCode,
	};
}

/** API requests (token exchanges excluded) logged by the fake since `from`. */
export function apiCalls(fake: FakeAluma, from = 0): RequestLogEntry[] {
	return fake.requests().slice(from).filter((entry) => entry.path !== '/oauth/token');
}

/** `METHOD /route-pattern` of each logged request since `from`. */
export function routesOf(fake: FakeAluma, from = 0): string[] {
	return fake.requests().slice(from).map((entry) => entry.route);
}

export interface FakeAlumaFixture {
	/** The fake server of this test file. */
	readonly fake: FakeAluma;
	/** A fresh store for the current test (empty token). */
	readonly store: InMemoryCredentialStore;
	/** Runs the Aluma node with the current test's store. */
	run(options: Omit<RunAlumaOptions, 'store'> & { store?: InMemoryCredentialStore }): Promise<NodeWorkflowResult>;
}

/**
 * Registers the hooks of a test file that runs the Aluma node against the fake: one fake per file,
 * reset (config included) before every test with a fresh store and token cache, and after every
 * test the check that no Aluma document was left behind.
 */
export function useFakeAluma(options: FakeAlumaOptions = {}): FakeAlumaFixture {
	let fake: FakeAluma | undefined;
	let store: InMemoryCredentialStore | undefined;

	beforeAll(async () => {
		fake = await startFakeAluma({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
	});

	beforeEach(() => {
		(fake as FakeAluma).reset();
		resetTokenCache();
		store = newStore((fake as FakeAluma).url);
	});

	afterEach(() => {
		// Every test, failing ones included, must leave Aluma as it found it.
		expect((fake as FakeAluma).stats().liveDocuments).toBe(0);
	});

	afterAll(async () => {
		await closeHarness();
		await fake?.close();
	});

	return {
		get fake() {
			if (!fake) throw new Error('The fake Aluma server is not started yet (use it inside a test)');
			return fake;
		},
		get store() {
			if (!store) throw new Error('No store yet (use it inside a test)');
			return store;
		},
		run: async (runOptions) => await runAluma({ ...runOptions, store: runOptions.store ?? (store as InMemoryCredentialStore) }),
	};
}
