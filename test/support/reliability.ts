/**
 * Shared set-up of the reliability suite (test/reliability): one fake Aluma per test file behind a
 * recording proxy (the "tap", which captures every issued token), another local host that records
 * what reaches it, runs of the Aluma node in n8n-core's engine, the secret sweep, and the scenario
 * records that `test/reliability/run.js` turns into the report table.
 *
 * Each test is one scenario: it runs the node, calls `scenario.finish(...)` (which measures requests,
 * documents left and secret hits and records the row), then asserts on what it measured.
 */
import { randomBytes } from 'node:crypto';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resetTokenCache } from '../../nodes/Aluma/transport/tokenSession';
import { startFakeAluma } from '../fake-aluma';
import { fs, path, process } from './node';
import { closeHarness } from '../workflow/harness';
import type { BinaryMode, HarnessInputItem, InMemoryCredentialStore, NodeWorkflowResult } from '../workflow/harness';
import type { TestCredential } from './fakeAlumaWorkflow';
import { byName, fixture, newStore as newTestStore, runAluma as runTestAluma } from './fakeAlumaWorkflow';
import { startRecorder, startTap } from './reliabilityTap';

export { byName, fixture };
// What every reliability test file needs besides the helpers below, so its preamble is one import.
export { AlumaApi } from '../../credentials/AlumaApi.credentials';
export { testCredential } from '../workflow/harness';
export type { HarnessInputItem, NodeWorkflowResult } from '../workflow/harness';
export { timers } from './node';

export type FakeAluma = Awaited<ReturnType<typeof startFakeAluma>>;
export type Tap = Awaited<ReturnType<typeof startTap>>;
export type Recorder = Awaited<ReturnType<typeof startRecorder>>;
export type FakeRequest = ReturnType<FakeAluma['requests']>[number];

export const CLIENT_ID = 'reliability-client';
/** Random per test file, so a hit can only come from this run. */
export const CLIENT_SECRET = `rel-secret-${randomBytes(12).toString('hex')}`;
export const CREDENTIAL_ID = 'cred-reliability';
export const CREDENTIAL_REF = { alumaApi: { id: CREDENTIAL_ID, name: 'Aluma reliability' } };
const CREDENTIAL: TestCredential = { id: CREDENTIAL_ID, name: 'Aluma reliability', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

/** Where run.js collects the scenario rows, artefacts and secrets (unset: nothing is written). */
const OUT_DIR = process.env.RELIABILITY_OUT as string | undefined;

export interface Env {
	fake: FakeAluma;
	tap: Tap;
	/** A second local host: it must never receive a token or the secret. */
	other: Recorder;
	/** The credential's Base URL: the tap in front of the fake. */
	baseUrl: string;
}

/** Registers the per-file hooks: fake + tap + other host, a clean state before each test. */
function useReliabilityEnv(): () => Env {
	let env: Env | undefined;
	beforeAll(async () => {
		const fake = await startFakeAluma({ port: 0, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
		const tap = await startTap({ target: fake.url });
		const other = await startRecorder();
		env = { fake, tap, other, baseUrl: tap.url };
		writeOut('secrets.jsonl', { file: testFile(), secrets: [CLIENT_SECRET] });
	});
	beforeEach(() => {
		env?.fake.reset();
		env?.tap.reset();
		resetTokenCache();
	});
	afterAll(async () => {
		await closeHarness();
		await env?.tap.close();
		await env?.other.close();
		await env?.fake.close();
	});
	return () => {
		if (!env) throw new Error('useReliabilityEnv: the environment has not started');
		return env;
	};
}

export interface ReliabilitySuite {
	/** The running environment of this file: the fake, the tap in front of it, the other host, the Base URL. */
	env(): Env;
	/** Starts the scenario of the current test (see Scenario: call `finish` before asserting). */
	scenario(name: string): Scenario;
	/** A credential store whose Base URL is this file's tap; `data` overrides credential fields. */
	newStore(data?: IDataObject): InMemoryCredentialStore;
	/** Runs the Aluma node, with a fresh store of this file unless `store` is given. */
	runAluma(options: Omit<RunOptions, 'store'> & { store?: InMemoryCredentialStore }): Promise<NodeWorkflowResult>;
	/** Requests the fake logged for a route name (see ROUTE), in order. */
	requestsTo(route: string): FakeRequest[];
}

/**
 * What every reliability test file sets up first: registers the per-file hooks (a fake, a tap and
 * another host, a clean state before each test) and returns the helpers bound to that environment.
 */
export function reliabilitySuite(): ReliabilitySuite {
	const env = useReliabilityEnv();
	const newStore = (data: IDataObject = {}) => storeAt(env().baseUrl, data);
	return {
		env,
		scenario: (name) => startScenario(env(), name),
		newStore,
		runAluma: async ({ store, ...options }) => await runAluma({ ...options, store: store ?? newStore() }),
		requestsTo: (route) => requestsTo(env(), route),
	};
}

/** An input item with `bytes` in the binary property `property` (default `data`). */
export function fileItem(
	bytes: Buffer,
	options: { property?: string; fileName?: string; mimeType?: string; json?: IDataObject } = {},
): HarnessInputItem {
	return {
		json: { n: 0, ...options.json },
		binary: {
			[options.property ?? 'data']: {
				buffer: bytes,
				fileName: options.fileName ?? 'invoice.pdf',
				mimeType: options.mimeType ?? 'application/pdf',
			},
		},
	};
}

/** `count` items, each carrying the invoice fixture, numbered in `json.n`. */
export function invoices(count: number): HarnessInputItem[] {
	return Array.from({ length: count }, (_, n) => fileItem(fixture('invoice.pdf'), { json: { n } }));
}

/** A credential store with the reliability credential at `baseUrl` (a test file's own: `suite.newStore`). */
export function storeAt(baseUrl: string, data: IDataObject = {}): InMemoryCredentialStore {
	return newTestStore(baseUrl, data, CREDENTIAL);
}

export interface RunOptions {
	store: InMemoryCredentialStore;
	parameters: INodeParameters;
	items?: HarnessInputItem[];
	continueOnFail?: boolean;
	binaryMode?: BinaryMode;
	stopAfterMs?: number;
}

async function runAluma(options: RunOptions): Promise<NodeWorkflowResult> {
	return await runTestAluma({ ...options, credential: CREDENTIAL });
}

export function classifyFile(options: IDataObject = {}, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'document',
		operation: 'classifyFile',
		source: 'binary',
		binaryPropertyName: 'data',
		classifier: byName('mailroom'),
		options: { concurrency: 1, ...options },
		...extra,
	};
}

/** Parameters of the generic API Request. */
export function apiRequest(parameters: INodeParameters): INodeParameters {
	return { resource: 'apiRequest', operation: 'send', method: 'GET', bodyType: 'none', responseFormat: 'json', options: {}, ...parameters };
}

// ---- what a run left behind -------------------------------------------------------------------

/**
 * Every string reachable from `value`: own properties of objects and errors (message, stack,
 * description, cause, context, errorResponse … also non-enumerable ones), array entries, Map/Set
 * entries, Buffers as text, and base64 strings decoded (n8n keeps in-memory binaries as base64).
 */
export function deepText(value: unknown): string {
	const parts: string[] = [];
	const seen = new WeakSet<object>();
	const pushString = (text: string) => {
		parts.push(text);
		if (text.length >= 24 && /^[A-Za-z0-9+/=\r\n]+$/.test(text)) parts.push(Buffer.from(text, 'base64').toString('latin1'));
	};
	const walk = (current: unknown, depth: number): void => {
		if (current === null || current === undefined) return;
		if (typeof current === 'string') return pushString(current);
		if (typeof current === 'number' || typeof current === 'boolean' || typeof current === 'bigint') {
			parts.push(String(current));
			return;
		}
		if (typeof current !== 'object' || depth > 60) return;
		if (seen.has(current)) return;
		seen.add(current);
		if (Buffer.isBuffer(current) || current instanceof Uint8Array) {
			parts.push(Buffer.from(current).toString('latin1'));
			return;
		}
		if (current instanceof Map) {
			for (const [key, entry] of current) {
				walk(key, depth + 1);
				walk(entry, depth + 1);
			}
			return;
		}
		if (current instanceof Set) {
			for (const entry of current) walk(entry, depth + 1);
			return;
		}
		for (const key of Reflect.ownKeys(current)) {
			if (typeof key === 'symbol') continue;
			parts.push(key);
			let child: unknown;
			try {
				child = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			if (typeof child !== 'function') walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return parts.join('\n');
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch (error) {
		return `(not serialisable: ${(error as Error).message})`;
	}
}

/** All a run exposes to a user or an operator: outputs, errors, run data and log lines. */
export function artefactsOf(result: NodeWorkflowResult): string {
	return [
		safeJson(result.run),
		deepText(result.outputs),
		deepText(result.error),
		deepText(result.executionError),
		deepText(result.run),
		deepText(result.logs),
		result.logs.map((entry) => `${entry.level} ${entry.message} ${safeJson(entry.metadata)}`).join('\n'),
	].join('\n');
}

/** Occurrences of any of `secrets` in `text`. */
export function countHits(text: string, secrets: readonly string[]): number {
	let hits = 0;
	for (const secret of secrets) {
		if (secret.length < 8) throw new Error('countHits: a secret shorter than 8 characters would match by chance');
		for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) hits++;
	}
	return hits;
}

// ---- scenario records ---------------------------------------------------------------------------

function testFile(): string {
	return path.basename(expect.getState().testPath ?? 'unknown');
}

function writeOut(file: string, entry: object): void {
	if (!OUT_DIR) return;
	fs.appendFileSync(path.join(OUT_DIR, file), `${JSON.stringify(entry)}\n`);
}

export interface ScenarioRow {
	scenario: string;
	outcome: string;
	requests: number | null;
	documentsLeft: number | null;
	secretHits: number;
}

/** Records a table row for the current test (run.js joins rows to jest's results by test name). */
export function recordRow(row: ScenarioRow): void {
	writeOut('records.jsonl', { file: testFile(), test: expect.getState().currentTestName ?? row.scenario, ...row });
}

/** The folder run.js collects into, or undefined when the suite runs without run.js. */
export function outDir(): string | undefined {
	return OUT_DIR;
}

export interface ScenarioMetrics {
	/** Requests the fake received (token exchanges included). */
	requests: number;
	/** API requests per route, e.g. { 'POST /documents': 2 }. */
	byRoute: Record<string, number>;
	tokenExchanges: number;
	tokenRequests: number;
	unauthorized: number;
	documentsLeft: number;
	peakLiveDocuments: number;
	/** Occurrences of the client secret or any issued token in everything the runs exposed. */
	secretHits: number;
	/** Tokens the tap saw issued during this scenario. */
	tokensIssued: string[];
}

export interface Scenario {
	/** Adds text to sweep besides the runs (e.g. a credential-test message). */
	expose(text: string): void;
	/**
	 * Measures what the scenario left and records the table row. Call it after the runs and before
	 * the assertions, so a failing scenario still shows its numbers.
	 */
	finish(outcome: string, results: NodeWorkflowResult[]): ScenarioMetrics;
}

/** Starts a scenario: remembers which tokens existed before it. */
function startScenario(env: Env, name: string): Scenario {
	const tokensBefore = env.tap.tokens.length;
	const extra: string[] = [];
	return {
		expose: (text) => extra.push(text),
		finish(outcome, results) {
			const stats = env.fake.stats();
			const exposed = [
				...results.map(artefactsOf),
				...extra,
				deepText(env.fake.requests()),
				deepText(stats),
				deepText(env.fake.faults()),
			].join('\n');
			const tokensIssued = env.tap.tokens.slice(tokensBefore);
			// Every token the tap ever saw (earlier scenarios' too) and the secret.
			const secretHits = countHits(exposed, [CLIENT_SECRET, ...env.tap.tokens]);
			const metrics: ScenarioMetrics = {
				requests: stats.requests,
				byRoute: { ...stats.byRoute },
				tokenExchanges: stats.tokenExchanges,
				tokenRequests: stats.tokenRequests,
				unauthorized: stats.unauthorized,
				documentsLeft: stats.liveDocuments,
				peakLiveDocuments: stats.peakLiveDocuments,
				secretHits,
				tokensIssued,
			};
			recordRow({ scenario: name, outcome, requests: metrics.requests, documentsLeft: metrics.documentsLeft, secretHits });
			writeOut('artefacts.jsonl', { file: testFile(), scenario: name, text: exposed });
			writeOut('secrets.jsonl', { file: testFile(), secrets: tokensIssued });
			return metrics;
		},
	};
}

// ---- what the tests check -----------------------------------------------------------------------

/** The output items of the tested node, in order; fails when an item is missing or out of order. */
export function expectEveryItem(result: NodeWorkflowResult, count: number): INodeExecutionData[] {
	const out = result.outputs[0] ?? [];
	expect(out).toHaveLength(count);
	expect(out.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, item) => ({ item })));
	return out;
}

/** All `count` items came out, in order, each classified as the invoice it is. */
export function expectAllClassified(result: NodeWorkflowResult, count: number): void {
	expect(result.status).toBe('success');
	const out = expectEveryItem(result, count);
	expect(out.map((item) => item.json.documentType)).toEqual(Array(count).fill('Invoice'));
}

/** Items turned into error items by continueOnFail. */
export function errorItems(result: NodeWorkflowResult): Array<{ index: number; json: IDataObject }> {
	return (result.outputs[0] ?? [])
		.map((item, index) => ({ index, json: item.json }))
		.filter((entry) => typeof entry.json.error === 'string');
}

const NOISE = /undefined|\[object Object\]|\n\s+at |Cannot read prop|is not a function|TypeError|ReferenceError/;

/** A message a person can act on: plain text, no stack, no "undefined". */
export function expectReadable(text: unknown): void {
	expect(typeof text).toBe('string');
	expect((text as string).trim().length).toBeGreaterThan(10);
	expect(text).not.toMatch(NOISE);
}

export interface ExpectedError {
	/** NodeOperationError (checked before any request) or NodeApiError (Aluma answered). */
	kind: 'operation' | 'api';
	itemIndex: number;
	/** Must appear in the message (or, when `inDescription`, in message + description). */
	message: RegExp;
	/** Must appear in the description: how to fix it. */
	fix: RegExp;
}

/** The run failed with the node's own error: typed, for the item, with a message and a fix. */
export function expectNodeError(result: NodeWorkflowResult, expected: ExpectedError): { message: string; description: string } {
	expect(result.status).toBe('error');
	const error = result.error as unknown;
	expect(error).toBeInstanceOf(expected.kind === 'operation' ? NodeOperationError : NodeApiError);
	const { message, description, context } = error as { message: string; description?: string | null; context: IDataObject };
	expectReadable(message);
	expectReadable(description);
	expect(message).toMatch(expected.message);
	expect(description).toMatch(expected.fix);
	expect(context.itemIndex).toBe(expected.itemIndex);
	// What n8n stores and shows (the serialised execution error) carries the same text.
	expect(result.executionError?.message).toBe(message);
	return { message, description: String(description) };
}

/** An expression that gives item i the i-th of `literals` (JavaScript source, e.g. '"abc"', 'NaN'). */
export function valuePerItem(literals: string[]): string {
	return `={{ [${literals.join(', ')}][$itemIndex] }}`;
}

/**
 * Runs the node with continueOnFail on `items`, each of which must be refused before any request:
 * every item comes out as an error item with a readable fix, and nothing reached Aluma.
 * Returns the error items' json, in item order.
 */
export async function expectEachItemRefused(s: Scenario, options: RunOptions & { items: HarnessInputItem[]; note: string }): Promise<IDataObject[]> {
	const result = await runAluma({ ...options, continueOnFail: true });
	const m = s.finish(outcome(result, options.note), [result]);
	expect(result.status).toBe('success');
	const out = expectEveryItem(result, options.items.length);
	expect(m.requests).toBe(0);
	expect(errorItems(result).map((entry) => entry.index)).toEqual(options.items.map((_, index) => index));
	out.forEach((item) => expectReadable(item.json.description));
	expect(m.secretHits).toBe(0);
	return out.map((item) => item.json);
}

/** Route names as the fake counts them. */
export const ROUTE = {
	token: 'POST /oauth/token',
	create: 'POST /documents',
	classify: 'POST /documents/:id/classify/:classifier',
	extract: 'POST /documents/:id/extract/:extractor',
	delete: 'DELETE /documents/:id',
	getDocument: 'GET /documents/:id',
	classifiers: 'GET /classifiers',
} as const;

/** One line for the table: what the scenario did (`note`) and how the run ended. */
export function outcome(result: NodeWorkflowResult, note: string): string {
	let end: string;
	if (result.status !== 'success') {
		end = `run stopped: ${String(result.error?.message ?? result.status)}`;
	} else {
		const all = result.outputs[0] ?? [];
		const failed = errorItems(result);
		end = failed.length
			? `${all.length - failed.length}/${all.length} items ok, ${failed.length} error item(s): ${String(failed[0].json.error)}`
			: `${all.length}/${all.length} items ok`;
	}
	return `${note} → ${end}`;
}

/** Requests the fake logged for a route name (see ROUTE), in order. */
function requestsTo(env: Env, route: string): FakeRequest[] {
	return env.fake.requests().filter((entry) => entry.route === route);
}

/** Milliseconds between consecutive requests. */
export function gaps(entries: Array<{ at: number }>): number[] {
	return entries.slice(1).map((entry, i) => entry.at - entries[i].at);
}
