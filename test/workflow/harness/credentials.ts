/**
 * Credentials for the workflow-test harness: an in-memory stand-in for n8n's `credentials_entity`
 * table, the credential-type registry, and a CredentialsHelper that mirrors n8n's CLI
 * (`packages/cli/src/credentials-helper.ts`, n8n 2.41.1) for everything a community node touches:
 * `authenticate` (generic expressions or function), `preAuthentication` (expirable property,
 * persistence to the store), `getDecrypted` (defaults from the declared properties, expressions),
 * `getParentTypes`, `updateCredentials`.
 *
 * Not mirrored (documented on purpose): encryption at rest (the store keeps a JSON copy, so values
 * still go through a JSON round trip like the DB), credential overwrites, external secrets,
 * dynamic/resolvable credentials, the policy and AI-gateway checks, `resolveCredentialJsonLeaves`.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	ICredentialTypes,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
} from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

/** One row of the store, with decrypted data (n8n keeps it encrypted; see the file comment). */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** A persisted write (what `updateCredentials` did), without values so tokens stay out of test output. */
export interface CredentialWrite {
	id: string;
	type: string;
	/** Keys whose stored value changed in this write. */
	changedKeys: string[];
}

function jsonClone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * In-memory credential table. Reads return copies; `updateCredentials` (pre-authentication
 * persisting a token, OAuth token data) goes through `update`, which is counted in `updates`.
 * Share one store between `runNodeWorkflow` calls to get n8n's "token survives the execution" behaviour.
 */
export class InMemoryCredentialStore {
	private readonly rows = new Map<string, StoredCredential>();

	/** Every persisted write, in order. */
	readonly writes: CredentialWrite[] = [];

	/** Number of persisted writes (`updateCredentials` / `updateCredentialsOauthTokenData`). */
	get updates(): number {
		return this.writes.length;
	}

	add(credential: StoredCredential): this {
		if (!credential.id) throw new Error('A stored credential needs an id');
		this.rows.set(credential.id, jsonClone(credential));
		return this;
	}

	has(id: string): boolean {
		return this.rows.has(id);
	}

	/** A copy of the stored row. */
	get(id: string): StoredCredential {
		const row = this.rows.get(id);
		if (!row) throw new UserError(`Credential with ID "${id}" was not found.`);
		return jsonClone(row);
	}

	/** A copy of the stored data of one credential. */
	data(id: string): ICredentialDataDecryptedObject {
		return this.get(id).data;
	}

	/** Looks a credential up the way n8n's repository does (`findOneByOrFail({ id, type })`). */
	find(id: string, type: string): StoredCredential {
		const row = this.rows.get(id);
		if (!row || row.type !== type) {
			throw new UserError(`Credential with ID "${id}" does not exist for type "${type}".`);
		}
		return jsonClone(row);
	}

	/** A persisted write (counted). Replaces the stored data, as n8n's `updateCredentials` does. */
	update(id: string, type: string, data: ICredentialDataDecryptedObject): void {
		const row = this.rows.get(id);
		if (!row || row.type !== type) {
			throw new UserError(`Credential with ID "${id}" does not exist for type "${type}".`);
		}
		const next = jsonClone(data);
		const keys = new Set([...Object.keys(row.data), ...Object.keys(next)]);
		const changedKeys = [...keys].filter((key) => JSON.stringify(row.data[key]) !== JSON.stringify(next[key]));
		row.data = next;
		this.writes.push({ id, type, changedKeys });
	}

	/** Test setup only (not counted): merge values into the stored data, e.g. to plant a stale token. */
	patch(id: string, values: ICredentialDataDecryptedObject): void {
		const row = this.rows.get(id);
		if (!row) throw new UserError(`Credential with ID "${id}" was not found.`);
		row.data = { ...row.data, ...jsonClone(values) };
	}
}

export type CredentialClass = new () => ICredentialType;

/** n8n's CredentialTypes over the classes a test registers. */
export class HarnessCredentialTypes implements ICredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: Array<CredentialClass | ICredentialType>,
		private readonly supportedNodes: (type: string) => string[] = () => [],
	) {
		for (const entry of credentialTypes) {
			const instance = typeof entry === 'function' ? new entry() : entry;
			this.types.set(instance.name, instance);
		}
	}

	recognizes(type: string): boolean {
		return this.types.has(type);
	}

	getByName(type: string): ICredentialType {
		const credentialType = this.types.get(type);
		if (!credentialType) throw new UnexpectedError(`Unrecognized credential type: ${type}`);
		return credentialType;
	}

	getSupportedNodes(type: string): string[] {
		return this.supportedNodes(type);
	}

	getParentTypes(typeName: string): string[] {
		const extendsArr = this.types.get(typeName)?.extends ?? [];
		if (extendsArr.length === 0) return [];
		const all = [...extendsArr];
		for (const type of all) all.push(...this.getParentTypes(type));
		return all;
	}
}

/** Stored credential handle returned by `getCredentials` (n8n returns its encrypted `Credentials`). */
class StoredCredentials extends ICredentials {
	async getData(): Promise<ICredentialDataDecryptedObject> {
		return JSON.parse(this.data ?? '{}') as ICredentialDataDecryptedObject;
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.data = JSON.stringify(data);
	}

	async updateData(toUpdate: ICredentialDataDecryptedObject, toDelete: string[] = []): Promise<void> {
		const next = { ...(await this.getData()), ...toUpdate };
		for (const key of toDelete) delete next[key];
		await this.setData(next);
	}
}

/** `restrictToCredentialDomains` from the CLI: what `this` is inside a credential's `preAuthentication`. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	} as IHttpRequestHelper;
}

const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeTypes: INodeTypes = {
	getKnownTypes: () => ({}),
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
};

/** Mirrors n8n 2.41's `CredentialsHelper` (CLI) over an `InMemoryCredentialStore`. */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		readonly credentialTypes: HarnessCredentialTypes,
		readonly store: InMemoryCredentialStore,
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions & Record<string, unknown>;
		const credentialType = this.credentialTypes.getByName(typeName);
		if (credentialType.authenticate) {
			if (typeof credentialType.authenticate === 'function') {
				return await credentialType.authenticate(credentials, requestOptions);
			}
			if (typeof credentialType.authenticate === 'object') {
				if (!workflow || !node) {
					throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
				}
				const { authenticate } = credentialType;
				if (requestOptions.headers === undefined) requestOptions.headers = {};
				if (authenticate.type === 'generic') {
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
							const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
							const valueResolved = this.resolveValue(value, { $credentials: credentials }, workflow, node);
							if (!requestOptions[outerKey]) requestOptions[outerKey] = {};
							(requestOptions[outerKey] as Record<string, string>)[keyResolved] = valueResolved;
						}
					}
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

		if (typeof credentialType.preAuthentication === 'function') {
			if (credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials) {
				const output = await credentialType.preAuthentication.call(
					restrictToCredentialDomains(helpers, credentials),
					credentials,
				);
				if (output[expirableProperty.name] === undefined) return undefined;

				if (node.credentials) {
					const nodeCredentials = node.credentials[credentialType.name];
					const storedData = await (await this.getCredentials(nodeCredentials, credentialType.name)).getData();
					const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
					for (const [key, value] of Object.entries(output)) {
						if (key === expirableProperty.name || !isExpression(storedData[key])) {
							dataToPersist[key] = value as ICredentialDataDecryptedObject[string];
						}
					}
					await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
					return Object.assign(credentials, output);
				}
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!returnValue) return '';
		return String(returnValue);
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypes.getParentTypes(typeName);
	}

	async getCredentials(nodeCredential: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const row = this.findRow(nodeCredential, type);
		return new StoredCredentials({ id: row.id, name: row.name }, row.type, JSON.stringify(row.data));
	}

	private findRow(nodeCredential: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredential?.id) {
			throw new UnexpectedError('Found credential with no ID.', {
				extra: { credentialName: nodeCredential?.name },
				tags: { credentialType: type },
			});
		}
		return this.store.find(nodeCredential.id, type);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		let typeDef: ICredentialType;
		try {
			typeDef = this.credentialTypes.getByName(credentialType);
		} catch {
			return true;
		}
		if (!typeDef.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.credentialTypes.getByName(type);
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialTypeData.properties;
		}
		const combineProperties: INodeProperties[] = [];
		for (const credentialsTypeName of credentialTypeData.extends) {
			NodeHelpers.mergeNodeProperties(combineProperties, this.getCredentialsProperties(credentialsTypeName));
		}
		NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
		return combineProperties;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const row = this.findRow(nodeCredentials, type);
		if (raw === true) return row.data;
		return await this.applyDefaultsAndOverwrites(additionalData, row.data, type, mode, executeData, expressionResolveValues);
	}

	/** The CLI's `applyDefaultsAndOverwrites` minus overwrites: declared properties with defaults, then expressions. */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			{ ...decryptedDataOriginal } as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
				decryptedData[key] = decryptedDataOriginal[key];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			let failure: Error | undefined;
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				failure = e as Error;
			}
			if (failure) {
				// As the CLI does: the same error, its message suffixed.
				failure.message += ' [Error resolving credentials]';
				throw failure;
			}
		} else {
			const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = workflow.expression.getComplexParameterValue(
					mockNode,
					decryptedData as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}
		return decryptedData;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const row = this.findRow(nodeCredentials, type);
		this.store.update(row.id, type, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const row = this.findRow(nodeCredentials, type);
		this.store.update(row.id, type, { ...row.data, oauthTokenData: data.oauthTokenData });
	}
}
