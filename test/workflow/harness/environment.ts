/**
 * Process-wide n8n-core environment for the workflow-test harness: the DI registrations n8n-core's
 * execution engine expects from the CLI, a temp folder standing in for `~/.n8n`, the real
 * BinaryDataService in the requested mode, a capturing logger, and the expression engine choice.
 *
 * In jest every test file gets its own module registry, hence its own n8n-core, DI container and
 * environment. Call `closeHarness()` in `afterAll` to remove the temp folder.
 */
import { randomBytes } from 'crypto';
import { BinaryDataConfig, BinaryDataService, ExternalSecretsProxy } from 'n8n-core';
import { Expression, LoggerProxy, UnexpectedError } from 'n8n-workflow';

import { fs, os, path } from '../../support/node';
import { Container, InstanceSettingsConfig, Logger, SsrfProtectionConfig } from './n8n-internals';

/** n8n's binary data modes: 'memory' is n8n's `default` mode (base64 inline in the item), 'filesystem' stores files on disk. */
export type BinaryMode = 'memory' | 'filesystem';

/** `legacy` is n8n-workflow's in-process default; `vm` is the CLI default (isolated-vm, Node ≥ 24 here). */
export type ExpressionEngineName = 'legacy' | 'vm';

export interface HarnessLogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: unknown;
}

/** Stands in for n8n's winston Logger: keeps entries in memory instead of printing them. */
export class CapturingLogger {
	readonly entries: HarnessLogEntry[] = [];

	scoped(): this {
		return this;
	}

	error(message: string, metadata?: unknown): void {
		this.entries.push({ level: 'error', message, metadata });
	}

	warn(message: string, metadata?: unknown): void {
		this.entries.push({ level: 'warn', message, metadata });
	}

	info(message: string, metadata?: unknown): void {
		this.entries.push({ level: 'info', message, metadata });
	}

	debug(message: string, metadata?: unknown): void {
		this.entries.push({ level: 'debug', message, metadata });
	}
}

export interface HarnessEnvironment {
	/** Temp folder used as n8n's user folder (`<root>/.n8n`, binary data under `<root>/.n8n/storage`). */
	readonly root: string;
	readonly logger: CapturingLogger;
	readonly binaryDataService: BinaryDataService;
	readonly externalSecretsProxy: ExternalSecretsProxy;
}

interface EnvironmentState extends HarnessEnvironment {
	binaryDataConfig: BinaryDataConfig;
	currentMode: BinaryMode | undefined;
	activeRuns: number;
}

let state: EnvironmentState | undefined;
let starting: Promise<EnvironmentState> | undefined;

async function start(): Promise<EnvironmentState> {
	const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'n8n-harness-'));

	// InstanceSettings (encryption key, storage paths) would otherwise read/write ~/.n8n/config.
	const instanceSettingsConfig = new InstanceSettingsConfig();
	instanceSettingsConfig.n8nFolder = path.join(root, '.n8n');
	instanceSettingsConfig.userHome = root;
	instanceSettingsConfig.encryptionKey = randomBytes(24).toString('base64');
	instanceSettingsConfig.enforceSettingsFilePermissions = false;
	Container.set(InstanceSettingsConfig, instanceSettingsConfig);

	// Outbound requests go through @n8n/backend-network's OutboundHttp; SSRF protection is off by
	// default in n8n 2.41 and must stay off for a 127.0.0.1 test server, whatever the env says.
	const ssrfConfig = new SsrfProtectionConfig();
	ssrfConfig.enabled = false;
	Container.set(SsrfProtectionConfig, ssrfConfig);

	// One logger for n8n-core services (DI) and n8n-workflow's LoggerProxy, kept in memory.
	const logger = new CapturingLogger();
	Container.set(Logger, logger);
	LoggerProxy.init(logger);

	const binaryDataConfig = Container.get(BinaryDataConfig);
	binaryDataConfig.localStoragePath = path.join(root, '.n8n', 'storage');
	binaryDataConfig.mode = 'default';
	const binaryDataService = Container.get(BinaryDataService);
	await binaryDataService.init();

	return {
		root,
		logger,
		binaryDataService,
		binaryDataConfig,
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		currentMode: 'memory',
		activeRuns: 0,
	};
}

async function ensureState(): Promise<EnvironmentState> {
	if (state) return state;
	starting ??= start();
	try {
		state = await starting;
	} finally {
		starting = undefined;
	}
	return state;
}

/** Sets up (once per test file) and returns the harness environment. */
export async function ensureHarness(): Promise<HarnessEnvironment> {
	return await ensureState();
}

/**
 * Selects n8n's binary data mode for a run, the way `N8N_DEFAULT_BINARY_DATA_MODE` does at start-up
 * (config + `BinaryDataService.init()`). Runs may overlap only if they use the same mode.
 */
export async function acquireBinaryMode(mode: BinaryMode): Promise<HarnessEnvironment> {
	const env = await ensureState();
	if (env.currentMode !== mode) {
		if (env.activeRuns > 0) {
			throw new Error(
				`The harness is running a workflow in '${env.currentMode}' binary mode; runs in different binary modes cannot overlap.`,
			);
		}
		env.binaryDataConfig.mode = mode === 'filesystem' ? 'filesystem' : 'default';
		await env.binaryDataService.init();
		env.currentMode = mode;
	}
	env.activeRuns++;
	return env;
}

export function releaseBinaryMode(): void {
	if (state && state.activeRuns > 0) state.activeRuns--;
}

/** The temp folder of the current environment, if one was started. */
export function harnessRoot(): string | undefined {
	return state?.root;
}

/**
 * Chooses the expression engine for this process. `legacy` needs nothing. `vm` runs n8n's CLI start-up
 * call (`Expression.initExpressionEngine`), which needs a working isolated-vm native module.
 */
export async function useExpressionEngine(engine: ExpressionEngineName): Promise<void> {
	if (engine === 'legacy') {
		await Expression.disposeExpressionEngine();
		Expression.setExpressionEngine('legacy');
		return;
	}
	const failure = await Expression.initExpressionEngine({
		engine: 'vm',
		poolSize: 1,
		maxCodeCacheSize: 1024,
		bridgeTimeout: 5000,
		bridgeMemoryLimit: 128,
	}).then(
		() => undefined,
		(error: Error) => error,
	);
	if (failure) {
		// initExpressionEngine records 'vm' before starting it; left like that, every later expression
		// throws "The vm expression engine has not been initialized". Fall back to legacy explicitly.
		Expression.setExpressionEngine('legacy');
		throw new UnexpectedError(`The vm expression engine could not start: ${failure.message}`, { cause: failure });
	}
}

export function activeExpressionEngine(): string {
	return Expression.getActiveImplementation();
}

/** Removes the temp folder (binary data, instance settings) and forgets every DI instance. */
export async function closeHarness(): Promise<void> {
	const pending = starting;
	if (pending) await pending.catch(() => undefined);
	const current = state;
	state = undefined;
	await Expression.disposeExpressionEngine();
	Expression.setExpressionEngine('legacy');
	Container.reset();
	if (current) await fs.promises.rm(current.root, { recursive: true, force: true });
}
