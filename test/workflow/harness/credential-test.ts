/**
 * `testCredential`: n8n's credential test ("Save"/"Retry" in the credential modal,
 * `POST /rest/credentials/test`) as the CLI's `CredentialsTester.runRequestTest` does it in 2.41:
 * a mock `n8n-nodes-base.noOp` node whose only property `temp` routes the credential's
 * `test.request`, run through n8n-core's `RoutingNode` → `httpRequestWithAuthentication`. Because the
 * node is the noOp node with `temp === ''`, pre-authentication is forced (a token is always fetched
 * and persisted), exactly as in n8n.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	ICredentialType,
	IExecuteData,
	INode,
	INodeType,
	INodeTypes,
	ITaskDataConnections,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createEmptyRunExecutionData } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import type { CredentialClass, InMemoryCredentialStore } from './credentials';
import { HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
import { ensureHarness } from './environment';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface TestCredentialOptions {
	/** Parent credential types (for `extends`). */
	credentialTypes?: Array<CredentialClass | ICredentialType>;
}

const NO_OP_TYPE = 'n8n-nodes-base.noOp';

/** lodash `get` for the dotted keys of `responseSuccessBody` rules. */
function getPath(value: unknown, key: string): unknown {
	let current = value;
	for (const part of key.replace(/\[(\w+)\]/g, '.$1').split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

interface RequestErrorShape {
	message?: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

function mapRequestError(error: RequestErrorShape, testRequest: ICredentialTestRequest): CredentialTestResult {
	if (error.cause?.response) {
		const statusCode = error.cause.response.status;
		const statusMessage = error.cause.response.statusText;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (statusCode < 199 || statusCode > 299) {
			return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: String(error.message) };
}

/** Runs the credential type's `test.request` against the stored credential `id`, like n8n's CredentialsTester. */
export async function testCredential(
	store: InMemoryCredentialStore,
	credentialClass: CredentialClass | ICredentialType,
	id: string,
	options: TestCredentialOptions = {},
): Promise<CredentialTestResult> {
	const env = await ensureHarness();
	const credentialType = typeof credentialClass === 'function' ? new credentialClass() : credentialClass;
	const credentialTypes = new HarnessCredentialTypes([credentialType, ...(options.credentialTypes ?? [])]);
	const helper = new HarnessCredentialsHelper(credentialTypes, store);
	const type = credentialType.name;

	const testRequest = credentialType.test;
	if (!testRequest) return { status: 'Error', message: 'No testing function found for this credential.' };

	const row = store.find(id, type);
	const baseAdditionalData = {
		credentialsHelper: helper,
		currentNodeExecutionIndex: 0,
		externalSecretsProxy: env.externalSecretsProxy,
		variables: {},
		userId: 'harness-user',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	// prepareCredentialsForTest: the editor sends the credential's data; defaults and expressions applied.
	let credentialsDecrypted: ICredentialsDecrypted;
	try {
		credentialsDecrypted = {
			id: row.id,
			name: row.name,
			type,
			data: await helper.applyDefaultsAndOverwrites(baseAdditionalData, row.data, type, 'internal'),
		};
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const noOp: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: NO_OP_TYPE,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getKnownTypes: () => ({}),
		getByName: () => noOp,
		getByNameAndVersion: () => noOp,
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: NO_OP_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: row.id, name: row.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

	// The tester hands the node the credential data it was given, not a fresh read of the store.
	const getDecrypted = async (...args: Parameters<HarnessCredentialsHelper['getDecrypted']>) =>
		args[5] ? await helper.getDecrypted(...args) : (credentialsDecrypted.data ?? {});
	const additionalData = {
		...baseAdditionalData,
		currentNodeParameters: node.parameters,
		credentialsHelper: new Proxy(helper, {
			get(target, prop) {
				if (prop === 'getDecrypted') return getDecrypted;
				const value = Reflect.get(target, prop) as unknown;
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			},
		}),
	} as IWorkflowExecuteAdditionalData;

	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, noOp, credentialsDecrypted);

	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		await workflow.expression.acquireIsolate();
		response = await routingNode.runNode();
	} catch (error) {
		return mapRequestError(error as RequestErrorShape, testRequest);
	} finally {
		await workflow.expression.releaseIsolate();
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = (response as Array<Array<{ json: ICredentialDataDecryptedObject }>> | undefined)?.[0]?.[0]
				?.json;
			if (getPath(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
