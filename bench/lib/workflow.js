// Runs a whole workflow given as nodes + connections (for flows with a loop, such as Loop Over
// Items around HTTP Request nodes, which the harness's linear runNodeWorkflow cannot express).
// Same pieces as test/workflow/harness/run.ts (trigger, node-type registry, CLI-like credentials
// helper, binary-data environment, additional data) and n8n-core's WorkflowExecute.
'use strict';

const { Workflow } = require('n8n-workflow');
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');

const { harness, AlumaApi } = require('./env');

let runCounter = 0;

/**
 * @param {object} options
 * @param {Array} options.nodeTypes  node classes
 * @param {Array<{name: string, type: string, typeVersion?: number, parameters?: object, credentials?: object}>} options.nodes
 *        the nodes after the trigger (named 'Trigger')
 * @param {object} options.connections  n8n connections, may reference 'Trigger'
 * @param {Array} options.items  items the trigger emits
 * @param {object} options.store  InMemoryCredentialStore
 * @param {'memory'|'filesystem'} [options.binaryMode]
 */
async function runWorkflow({ nodeTypes, nodes, connections, items, store, binaryMode = 'memory' }) {
	const env = await harness.acquireBinaryMode(binaryMode);
	try {
		const executionId = `bench-${++runCounter}`;
		const workflowId = 'bench-workflow';
		const trigger = { id: 't', name: 'Trigger', type: harness.HARNESS_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
		const allNodes = [
			trigger,
			...nodes.map((node, i) => ({ id: `n${i}`, typeVersion: 1, position: [(i + 1) * 200, 0], parameters: {}, ...node })),
		];
		const types = new harness.HarnessNodeTypes(
			[new harness.HarnessTrigger(items), ...nodeTypes.map((T) => (typeof T === 'function' ? new T() : T))],
			'n8n-nodes-base',
		);
		const credentialTypes = new harness.HarnessCredentialTypes([AlumaApi], (type) => types.nodesUsingCredential(type));
		const credentialsHelper = new harness.HarnessCredentialsHelper(credentialTypes, store);
		const settings = { executionOrder: 'v1' };
		const workflowData = {
			id: workflowId,
			name: 'Bench workflow',
			active: false,
			isArchived: false,
			nodes: allNodes,
			connections,
			settings,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		};
		const workflow = new Workflow({ id: workflowId, name: workflowData.name, nodes: allNodes, connections, active: false, nodeTypes: types, settings });
		const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
		const additionalData = harness.additionalDataFor(env, credentialsHelper, hooks, executionId, workflowId);
		const started = performance.now();
		const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: workflow.getNode('Trigger') });
		const durationMs = performance.now() - started;
		const runData = run.data.resultData.runData;
		return {
			status: run.status,
			error: run.data.resultData.error,
			durationMs,
			runData,
			outputsOf: (name) => (runData[name] ?? []).map((task) => task.data?.main ?? []),
		};
	} finally {
		harness.releaseBinaryMode();
	}
}

module.exports = { runWorkflow };
