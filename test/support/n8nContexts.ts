/**
 * The n8n-core contexts the Aluma node meets outside `WorkflowExecute`, built the way n8n's CLI
 * (2.41.1) builds them, over the workflow-test harness's node types, credentials helper and
 * environment:
 *
 * - `loadOptions` / `listSearch`: the editor's dropdowns. Mirrors the CLI's
 *   DynamicNodeParametersService (`getOptionsViaMethodName`, `getResourceLocatorResults`): a
 *   one-node workflow "Temp-Node" and a real `LoadOptionsContext`.
 * - `PollerHost`: an active polling trigger. Mirrors the CLI's TriggerExecutionContextFactory
 *   `getExecutePollFunctions` with durable poll cursors off (n8n's default): a real `PollContext`
 *   in mode 'trigger' whose `__emit` saves the workflow's static data (WorkflowStaticDataService
 *   `saveStaticData`, only when `__dataChanged`), run by n8n-core's `PollTriggerExecutor` as
 *   ActiveWorkflowTriggers does (the first poll on activation with `testingTrigger = true`, then
 *   the cron ticks with `false`), and the static data saved again at the end of activation
 *   (ActiveWorkflowManager.add). The "database" is a JSON string, so a restart is a new Workflow
 *   built from what was saved.
 * - `runManualPoll`: "Fetch test event": a manual execution with the trigger as start node, in
 *   n8n-core's `WorkflowExecute` (its `executePollNode` builds `PollContext(…, 'manual', 'manual')`).
 */
import type {
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IPollFunctions,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, LoadOptionsContext, PollContext, PollTriggerExecutor, WorkflowExecute } from 'n8n-core';

import { AlumaApi } from '../../credentials/AlumaApi.credentials';
import { Aluma } from '../../nodes/Aluma/Aluma.node';
import { AlumaTrigger } from '../../nodes/AlumaTrigger/AlumaTrigger.node';
import type { HarnessEnvironment, InMemoryCredentialStore } from '../workflow/harness';
import { HarnessCredentialTypes, HarnessCredentialsHelper, HarnessNodeTypes, additionalDataFor, ensureHarness } from '../workflow/harness';
import { Container } from '../workflow/harness/n8n-internals';
import { CREDENTIAL_REF } from './fakeAlumaWorkflow';

let contextCounter = 0;

interface N8nSetup {
	env: HarnessEnvironment;
	nodeTypes: HarnessNodeTypes;
	credentialsHelper: HarnessCredentialsHelper;
}

async function setup(store: InMemoryCredentialStore): Promise<N8nSetup> {
	const env = await ensureHarness();
	const nodeTypes = new HarnessNodeTypes([new Aluma(), new AlumaTrigger()], 'n8n-nodes-aluma');
	const credentialTypes = new HarnessCredentialTypes([AlumaApi], (type) => nodeTypes.nodesUsingCredential(type));
	return { env, nodeTypes, credentialsHelper: new HarnessCredentialsHelper(credentialTypes, store) };
}

function additionalData(n8n: N8nSetup, workflowId: string, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return additionalDataFor(n8n.env, n8n.credentialsHelper, hooks, hooks?.executionId, workflowId);
}

// ------------------------------------------------------------------------------------------------
// Dropdowns (loadOptions / listSearch)

interface DropdownCall {
	store: InMemoryCredentialStore;
	/** Node type name: 'aluma' (default) or 'alumaTrigger'. */
	nodeType?: 'aluma' | 'alumaTrigger';
	/** The node's current parameters, as the editor sends them. */
	parameters?: INodeParameters;
	/** The parameter path the editor asks for, e.g. 'parameters.classifier'. */
	path?: string;
	credentials?: INodeCredentials;
}

function loadOptionsContext(n8n: N8nSetup, call: DropdownCall): LoadOptionsContext {
	const node: INode = {
		parameters: call.parameters ?? {},
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: `n8n-nodes-aluma.${call.nodeType ?? 'aluma'}`,
		typeVersion: 1,
		position: [0, 0],
		credentials: call.credentials ?? CREDENTIAL_REF,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: n8n.nodeTypes });
	// The editor sends the node's current parameters along, for methods that depend on them.
	const data = { ...additionalData(n8n, 'load-options'), currentNodeParameters: call.parameters };
	return new LoadOptionsContext(workflow, workflow.nodes['Temp-Node'], data, call.path ?? 'parameters');
}

function methodsOf(n8n: N8nSetup, nodeType: string): NonNullable<INodeType['methods']> {
	const type = n8n.nodeTypes.getByNameAndVersion(`n8n-nodes-aluma.${nodeType}`, 1);
	if (!type.methods) throw new Error(`${nodeType} has no methods`);
	return type.methods;
}

/** Calls a `listSearch` method as the editor's "From list" mode does (CLI getResourceLocatorResults). */
export async function listSearch(method: string, call: DropdownCall & { filter?: string }): Promise<INodeListSearchResult> {
	const n8n = await setup(call.store);
	const fn = methodsOf(n8n, call.nodeType ?? 'aluma').listSearch?.[method];
	if (!fn) throw new Error(`No listSearch method ${method}`);
	return await fn.call(loadOptionsContext(n8n, call), call.filter, undefined);
}

/** Calls a `loadOptions` method as the editor does for a dropdown (CLI getOptionsViaMethodName). */
export async function loadOptions(method: string, call: DropdownCall): Promise<INodePropertyOptions[]> {
	const n8n = await setup(call.store);
	const fn = methodsOf(n8n, call.nodeType ?? 'aluma').loadOptions?.[method];
	if (!fn) throw new Error(`No loadOptions method ${method}`);
	return await fn.call(loadOptionsContext(n8n, call));
}

// ------------------------------------------------------------------------------------------------
// Polling trigger

export interface PollOutcome {
	/** What the poll handed to `__emit` (n8n then starts an execution with it), or null. */
	emitted: INodeExecutionData[] | null;
	/** An error `__emitError` received (n8n records a failed execution), if any. */
	error?: Error;
}

const TRIGGER_NAME = 'Aluma Trigger';

/**
 * The one-node workflow of the trigger as n8n builds it from the database: the Aluma Trigger with
 * `parameters` (copied, as n8n loads them afresh) and its static data parsed from `staticData` (JSON).
 */
function triggerWorkflow(
	n8n: N8nSetup,
	options: { parameters: INodeParameters; credentials: INodeCredentials; active: boolean; staticData: string },
): { node: INode; workflow: Workflow } {
	const node: INode = {
		id: 'aluma-trigger-node',
		name: TRIGGER_NAME,
		type: 'n8n-nodes-aluma.alumaTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(options.parameters),
		credentials: options.credentials,
	};
	const workflow = new Workflow({
		id: 'trigger-workflow',
		name: 'Aluma trigger workflow',
		nodes: [node],
		connections: {},
		active: options.active,
		nodeTypes: n8n.nodeTypes,
		staticData: JSON.parse(options.staticData) as IDataObject,
		settings: { executionOrder: 'v1' },
	});
	return { node, workflow };
}

/**
 * One active workflow "Aluma Trigger" as n8n's CLI keeps it, with its static data in a
 * stand-in for the workflow table (`savedStaticData`, JSON as in the database).
 */
export class PollerHost {
	/** The workflow's static data as last saved (JSON). */
	savedStaticData = '{}';

	/** How many times the static data was written (CLI: only when `__dataChanged`). */
	staticDataWrites = 0;

	private workflow?: Workflow;

	private executePoll?: (testingTrigger?: boolean) => Promise<void>;

	private lastOutcome: PollOutcome = { emitted: null };

	constructor(
		private readonly store: InMemoryCredentialStore,
		private parameters: INodeParameters,
		/** The node's credential reference (default: the workflow tests' `CREDENTIAL_REF`). */
		private readonly credentials: INodeCredentials = CREDENTIAL_REF,
	) {}

	/** The node memory (`getWorkflowStaticData('node')`) as saved, parsed. */
	savedNodeMemory(): IDataObject {
		const all = JSON.parse(this.savedStaticData) as IDataObject;
		return (all[`node:${TRIGGER_NAME}`] as IDataObject | undefined) ?? {};
	}

	private save(workflow: Workflow): void {
		// WorkflowStaticDataService.saveStaticData
		if (workflow.staticData.__dataChanged === true) {
			this.savedStaticData = JSON.stringify(workflow.staticData);
			this.staticDataWrites++;
			workflow.staticData.__dataChanged = false;
		}
	}

	/**
	 * Activates the workflow (also what n8n does on start-up for an active workflow, activation
	 * 'init'): builds the Workflow from the saved static data, runs the first poll, saves.
	 */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollOutcome> {
		const n8n = await setup(this.store);
		const { workflow } = triggerWorkflow(n8n, { parameters: this.parameters, credentials: this.credentials, active: true, staticData: this.savedStaticData });
		const workflowNode = workflow.getNode(TRIGGER_NAME) as INode;
		const mode: WorkflowExecuteMode = 'trigger';
		const data = additionalData(n8n, workflow.id);
		const emit = (emitted: INodeExecutionData[][]) => {
			// The CLI saves the static data, then runs the workflow with `emitted`.
			this.save(workflow);
			this.lastOutcome = { emitted: emitted[0] ?? [] };
		};
		const emitError = (error: Error) => {
			this.lastOutcome = { emitted: null, error };
		};
		const pollFunctions: IPollFunctions = new PollContext(workflow, workflowNode, data, mode, activation, emit, emitError);
		const executor = Container.get(PollTriggerExecutor);
		this.workflow = workflow;
		this.executePoll = executor.create(workflow, workflowNode, pollFunctions, () => this.workflow === workflow);
		const outcome = await this.poll(true);
		this.save(workflow); // ActiveWorkflowManager.add ends with saveStaticData
		return outcome;
	}

	/**
	 * The user changes the trigger's parameters and saves the active workflow: n8n activates it
	 * again (activation 'update') with the static data saved so far.
	 */
	async update(parameters: INodeParameters): Promise<PollOutcome> {
		this.parameters = parameters;
		this.workflow = undefined;
		this.executePoll = undefined;
		return await this.activate('update');
	}

	/** One scheduled poll (a cron tick). */
	async tick(): Promise<PollOutcome> {
		return await this.poll(false);
	}

	/** n8n stops (the in-memory workflow is gone) and starts again from what was saved. */
	async restart(): Promise<PollOutcome> {
		this.workflow = undefined;
		this.executePoll = undefined;
		return await this.activate('init');
	}

	private async poll(testingTrigger: boolean): Promise<PollOutcome> {
		if (!this.executePoll) throw new Error('Activate the workflow first');
		this.lastOutcome = { emitted: null };
		await this.executePoll(testingTrigger);
		return this.lastOutcome;
	}
}

/**
 * "Fetch test event": a manual execution of a workflow whose start node is the trigger, with
 * the given static data. Returns the run and the static data after it (JSON).
 */
export async function runManualPoll(
	store: InMemoryCredentialStore,
	parameters: INodeParameters,
	staticData = '{}',
): Promise<{ run: IRun; output: INodeExecutionData[]; staticDataAfter: string; dataChanged: boolean }> {
	const n8n = await setup(store);
	const executionId = `manual-poll-${++contextCounter}`;
	const { node, workflow } = triggerWorkflow(n8n, { parameters, credentials: CREDENTIAL_REF, active: false, staticData });
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData as never);
	const run = await new WorkflowExecute(additionalData(n8n, workflow.id, hooks), 'manual').run({
		workflow,
		startNode: workflow.getNode(TRIGGER_NAME) ?? undefined,
	});
	const output = run.data.resultData.runData[TRIGGER_NAME]?.[0]?.data?.main?.[0] ?? [];
	const dataChanged = workflow.staticData.__dataChanged === true;
	return { run, output, staticDataAfter: JSON.stringify(workflow.staticData), dataChanged };
}
