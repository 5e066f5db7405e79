/**
 * `runNodeWorkflow`: builds a workflow "Harness Trigger → node under test → optional chain" and runs
 * it with n8n-core's `WorkflowExecute`, with a CLI-like CredentialsHelper over an in-memory store.
 */
import type {
	ExecutionError,
	ExecutionStatus,
	IBinaryData,
	IConnections,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import type { CredentialClass, InMemoryCredentialStore } from './credentials';
import { HarnessCredentialTypes, HarnessCredentialsHelper, InMemoryCredentialStore as Store } from './credentials';
import type { BinaryMode, HarnessEnvironment, HarnessLogEntry } from './environment';
import { acquireBinaryMode, releaseBinaryMode } from './environment';
import type { HarnessInputItem, NodeClass } from './node-types';
import { HARNESS_TRIGGER_TYPE, HarnessNodeTypes, HarnessTrigger } from './node-types';
import { timers } from '../../support/node';

/** A node of the harness workflow (the node under test or one of `chain`). */
export interface HarnessNodeSpec {
	/** `description.name` of a registered node, or `<packageName>.<name>`. */
	type: string;
	/** Defaults to 'Node Under Test' for the tested node and 'Chain 1', 'Chain 2', … for the chain. */
	name?: string;
	typeVersion?: number;
	parameters?: INodeParameters;
	credentials?: INodeCredentials;
	continueOnFail?: boolean;
	onError?: INode['onError'];
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	disabled?: boolean;
}

export interface RunNodeWorkflowOptions {
	/** Node classes (or instances) to register, besides the harness's own trigger. */
	nodeTypes: Array<NodeClass | INodeType | IVersionedNodeType>;
	/** Credential classes (or instances) to register. */
	credentialTypes?: Array<CredentialClass | import('n8n-workflow').ICredentialType>;
	/** The credential table; share it between runs to keep what pre-authentication persisted. */
	credentials?: InMemoryCredentialStore;
	node: HarnessNodeSpec;
	items?: HarnessInputItem[];
	/** n8n's binary data mode for this run (default 'memory'). */
	binaryMode?: BinaryMode;
	/** Nodes connected after the tested node, in order. */
	chain?: HarnessNodeSpec[];
	/** Execution mode (default 'manual', as in the editor; `n8n execute` uses 'cli'). */
	mode?: WorkflowExecuteMode;
	/** Workflow settings (default `{ executionOrder: 'v1' }`, what new n8n workflows get). */
	settings?: IWorkflowSettings;
	/** Package name used for `<packageName>.<node>` aliases (default 'n8n-nodes-aluma'). */
	packageName?: string;
	/**
	 * Stops the execution this long after it started, as the editor's "Stop" does (cancels it, which
	 * aborts the execution's signal). The result is then the run data at the stop, status 'canceled';
	 * the node's own work may still be finishing in the background.
	 */
	stopAfterMs?: number;
}

export interface NodeWorkflowResult {
	/** The execution status n8n records ('success' or 'error' for a finished run). */
	status: ExecutionStatus;
	/** Main outputs of the node under test (`[]` if it did not produce data). */
	outputs: INodeExecutionData[][];
	/**
	 * The error that failed the run: the instance the node threw (so `instanceof NodeApiError` holds)
	 * when it came out of a node's `execute`, else the engine's serialised execution error.
	 */
	error?: ExecutionError;
	/** The engine's serialised execution error (`run.data.resultData.error`), as n8n stores it. */
	executionError?: ExecutionError;
	runData: IRunData;
	run: IRun;
	nodeName: string;
	executionId: string;
	/** Wall-clock time of `WorkflowExecute` for this run. */
	durationMs: number;
	/** Log entries n8n-core emitted during the run (the harness keeps them instead of printing). */
	logs: HarnessLogEntry[];
	/** Main outputs of any node of the run. */
	outputsOf(nodeName: string): INodeExecutionData[][];
	/** Reads an output binary back through n8n's BinaryDataService (`getBinaryDataBuffer` semantics). */
	binary(item: INodeExecutionData, property?: string): Promise<Buffer>;
}

const TRIGGER_NAME = 'Harness Trigger';
const DEFAULT_NODE_NAME = 'Node Under Test';
const HARNESS_BASE_URL = 'http://127.0.0.1:5678';

let runCounter = 0;

function toNode(spec: HarnessNodeSpec, name: string, index: number): INode {
	const node: INode = {
		id: `harness-node-${index}`,
		name,
		type: spec.type,
		typeVersion: spec.typeVersion ?? 1,
		position: [index * 220, 0],
		parameters: structuredClone(spec.parameters ?? {}),
	};
	if (spec.credentials) node.credentials = structuredClone(spec.credentials);
	for (const key of [
		'continueOnFail',
		'onError',
		'retryOnFail',
		'maxTries',
		'waitBetweenTries',
		'alwaysOutputData',
		'executeOnce',
		'disabled',
	] as const) {
		if (spec[key] !== undefined) (node as unknown as Record<string, unknown>)[key] = spec[key];
	}
	return node;
}

function instantiate<T>(entry: T | (new () => T)): T {
	return typeof entry === 'function' ? new (entry as new () => T)() : entry;
}

/**
 * The parts of the CLI's `WorkflowExecuteAdditionalData.getBase` a node execution can reach
 * (exported for runners of whole workflows, such as bench/lib/workflow.js, and for the dropdown
 * and polling contexts of test/support/n8nContexts.ts).
 */
export function additionalDataFor(
	env: HarnessEnvironment,
	credentialsHelper: HarnessCredentialsHelper,
	/** None for contexts outside an execution (dropdowns, polling). */
	hooks: ExecutionLifecycleHooks | undefined,
	executionId: string | undefined,
	workflowId: string,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the workflow-test harness`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined,
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('The code task runner'),
		externalSecretsProxy: env.externalSecretsProxy,
		restApiUrl: `${HARNESS_BASE_URL}/rest`,
		instanceBaseUrl: `${HARNESS_BASE_URL}/`,
		formBaseUrl: `${HARNESS_BASE_URL}/form`,
		formWaitingBaseUrl: `${HARNESS_BASE_URL}/form-waiting`,
		formTestBaseUrl: `${HARNESS_BASE_URL}/form-test`,
		webhookBaseUrl: `${HARNESS_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_BASE_URL}/webhook-test`,
		mcpBaseUrl: `${HARNESS_BASE_URL}/mcp`,
		mcpTestBaseUrl: `${HARNESS_BASE_URL}/mcp-test`,
		variables: {},
		setExecutionStatus: () => undefined,
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs "Harness Trigger → options.node → …options.chain" in n8n-core's WorkflowExecute. */
export async function runNodeWorkflow(options: RunNodeWorkflowOptions): Promise<NodeWorkflowResult> {
	const binaryMode = options.binaryMode ?? 'memory';
	const mode = options.mode ?? 'manual';
	const store = options.credentials ?? new Store();
	const runNumber = ++runCounter;
	const executionId = `harness-${runNumber}`;
	const workflowId = 'harness-workflow';

	const env = await acquireBinaryMode(binaryMode);
	const logStart = env.logger.entries.length;
	try {
		const specs = [options.node, ...(options.chain ?? [])];
		const names = specs.map((spec, i) => spec.name ?? (i === 0 ? DEFAULT_NODE_NAME : `Chain ${i}`));
		if (new Set([TRIGGER_NAME, ...names]).size !== names.length + 1) {
			throw new Error(`Node names must be unique and not '${TRIGGER_NAME}': ${names.join(', ')}`);
		}
		const trigger: INode = {
			id: 'harness-trigger',
			name: TRIGGER_NAME,
			type: HARNESS_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const nodes = [trigger, ...specs.map((spec, i) => toNode(spec, names[i], i + 1))];
		const connections: IConnections = {};
		for (let i = 0; i < nodes.length - 1; i++) {
			connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
		}

		const thrown = new Map<string, unknown>();
		const nodeTypes = new HarnessNodeTypes(
			[new HarnessTrigger(options.items ?? [{ json: {} }]), ...options.nodeTypes.map((t) => instantiate(t))],
			options.packageName ?? 'n8n-nodes-aluma',
			(nodeName, error) => thrown.set(nodeName, error),
		);
		const credentialTypes = new HarnessCredentialTypes(
			(options.credentialTypes ?? []).map((t) => instantiate(t)),
			(type) => nodeTypes.nodesUsingCredential(type),
		);
		const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, store);

		const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
		const workflowData: IWorkflowBase = {
			id: workflowId,
			name: 'Harness workflow',
			active: false,
			isArchived: false,
			nodes,
			connections,
			settings,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as IWorkflowBase;
		const workflow = new Workflow({
			id: workflowId,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections,
			active: false,
			nodeTypes,
			settings,
		});

		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
		const additionalData = additionalDataFor(env, credentialsHelper, hooks, executionId, workflowId);
		const workflowExecute = new WorkflowExecute(additionalData, mode);

		const started = performance.now();
		const execution = workflowExecute.run({ workflow, startNode: workflow.getNode(TRIGGER_NAME) ?? undefined });
		// A canceled run never settles (n8n's onCancel does not reject): the stop itself ends the wait.
		const stopped =
			options.stopAfterMs === undefined
				? new Promise<never>(() => undefined)
				: timers.setTimeout(options.stopAfterMs).then(() => {
						execution.cancel();
						return (workflowExecute as unknown as { getFullRunData(startedAt: Date): IRun }).getFullRunData(new Date());
					});
		const run = await Promise.race([execution, stopped]);
		const durationMs = performance.now() - started;

		const runData = run.data.resultData.runData;
		const outputsOf = (nodeName: string): INodeExecutionData[][] =>
			(runData[nodeName]?.[0]?.data?.main ?? []).map((items) => items ?? []);
		const executionError = run.data.resultData.error;
		const failedNode = run.data.resultData.lastNodeExecuted;
		const thrownError = (failedNode !== undefined ? thrown.get(failedNode) : undefined) as ExecutionError | undefined;
		// The engine keeps `{ ...error, message, stack }`; hand back the instance when it is that error.
		const error =
			executionError && thrownError?.message === executionError.message ? thrownError : executionError;

		return {
			status: run.status,
			outputs: outputsOf(names[0]),
			error,
			executionError,
			runData,
			run,
			nodeName: names[0],
			executionId,
			durationMs,
			logs: env.logger.entries.slice(logStart),
			outputsOf,
			binary: async (item: INodeExecutionData, property = 'data') => {
				const binaryData: IBinaryData | undefined = item.binary?.[property];
				if (!binaryData) throw new Error(`The item has no binary property '${property}'`);
				return await env.binaryDataService.getAsBuffer(binaryData);
			},
		};
	} finally {
		releaseBinaryMode();
	}
}
