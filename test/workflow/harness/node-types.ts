/**
 * Node types for the workflow-test harness: the registry n8n's `Workflow` and `WorkflowExecute` look
 * nodes up in, and the built-in trigger that starts every harness workflow with the test's items.
 */
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';

export type NodeClass = new () => INodeType | IVersionedNodeType;

/** A binary property of an input item: raw bytes that the trigger stores through n8n's BinaryDataService. */
export interface HarnessBinaryInput {
	buffer: Buffer;
	fileName?: string;
	mimeType?: string;
}

/** An input item of `runNodeWorkflow`. */
export interface HarnessInputItem {
	json: IDataObject;
	binary?: Record<string, HarnessBinaryInput>;
}

export const HARNESS_TRIGGER_TYPE = 'n8n-nodes-harness.harnessTrigger';

/**
 * The harness's start node, like n8n's Manual Trigger: no inputs, emits the test's items. Each
 * binary is stored with `this.helpers.prepareBinaryData`, i.e. through the real BinaryDataService
 * in the run's mode (base64 inline in 'memory', a file on disk in 'filesystem'), so downstream nodes
 * read it with the production helpers.
 */
export class HarnessTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Trigger',
		name: HARNESS_TRIGGER_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the items given to runNodeWorkflow',
		defaults: { name: 'Harness Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	constructor(items: HarnessInputItem[]) {
		this.execute = async function (this: IExecuteFunctions) {
			const output: INodeExecutionData[] = [];
			for (const item of items) {
				const out: INodeExecutionData = { json: structuredClone(item.json), pairedItem: { item: 0 } };
				if (item.binary) {
					const binary: Record<string, IBinaryData> = {};
					for (const [property, input] of Object.entries(item.binary)) {
						binary[property] = await this.helpers.prepareBinaryData(input.buffer, input.fileName, input.mimeType);
					}
					out.binary = binary;
				}
				output.push(out);
			}
			return [output];
		};
	}
}

/** Called with the error a node's `execute` threw, before the engine flattens it into run data. */
export type ThrownErrorListener = (nodeName: string, error: unknown) => void;

/**
 * n8n's NodeTypes over the registered classes. A node is found by its `description.name` and, like a
 * community package loaded by n8n, by `<packageName>.<name>`. `execute` is observed (not altered) so
 * the harness can hand back the error instance a node threw.
 */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	private readonly observed = new WeakMap<INodeType, INodeType>();

	constructor(
		entries: Array<INodeType | IVersionedNodeType>,
		packageName: string | undefined,
		private readonly onThrown?: ThrownErrorListener,
	) {
		for (const type of entries) {
			const name = type.description.name;
			this.types.set(name, type);
			if (packageName && !name.includes('.')) this.types.set(`${packageName}.${name}`, type);
		}
	}

	/** Full type names (every alias) of the registered nodes that declare a credential type. */
	nodesUsingCredential(credentialType: string): string[] {
		const names: string[] = [];
		for (const [name, type] of this.types) {
			const versions =
				'nodeVersions' in type ? Object.values(type.nodeVersions) : [type as INodeType];
			if (versions.some((v) => v.description.credentials?.some((c) => c.name === credentialType))) names.push(name);
		}
		return names;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new UnexpectedError(`Unrecognized node type: ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return this.observe(NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version));
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	private observe(type: INodeType): INodeType {
		const { onThrown } = this;
		if (!onThrown || typeof type.execute !== 'function') return type;
		let proxy = this.observed.get(type);
		if (!proxy) {
			const original = type.execute;
			// Same call, same `this`, same result or rejection; the rejection is only reported on the way.
			const execute = function (this: unknown, ...args: unknown[]) {
				const context = (args[0] && typeof args[0] === 'object' && 'getNode' in args[0] ? args[0] : this) as IExecuteFunctions;
				return new Promise((resolve) => resolve((original as (...a: unknown[]) => unknown).apply(this, args))).catch(
					(error: unknown) => {
						onThrown(context.getNode?.().name ?? '', error);
						return Promise.reject(error);
					},
				);
			};
			proxy = new Proxy(type, {
				get: (target, property, receiver) =>
					property === 'execute' ? execute : Reflect.get(target, property, receiver),
			});
			this.observed.set(type, proxy);
		}
		return proxy;
	}
}
