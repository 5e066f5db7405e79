/**
 * Workflow-test harness: runs a node inside n8n-core's real execution engine (WorkflowExecute,
 * n8n-core 2.41.1 / n8n-workflow 2.41.0) with real parameters and expressions, real binary data
 * (BinaryDataService in 'memory' or 'filesystem' mode) and credentials whose pre-authentication
 * behaves like n8n's CLI (token fetched when empty, after a 401, and on every credential test;
 * persisted to the store). See README.md in this folder.
 */
export { InMemoryCredentialStore, HarnessCredentialTypes, HarnessCredentialsHelper } from './credentials';
export type { StoredCredential, CredentialWrite, CredentialClass } from './credentials';
export { additionalDataFor, runNodeWorkflow } from './run';
export type { HarnessNodeSpec, RunNodeWorkflowOptions, NodeWorkflowResult } from './run';
export { testCredential } from './credential-test';
export type { CredentialTestResult, TestCredentialOptions } from './credential-test';
export { HARNESS_TRIGGER_TYPE, HarnessTrigger, HarnessNodeTypes } from './node-types';
export type { HarnessInputItem, HarnessBinaryInput, NodeClass } from './node-types';
export {
	acquireBinaryMode,
	activeExpressionEngine,
	closeHarness,
	ensureHarness,
	harnessRoot,
	releaseBinaryMode,
	useExpressionEngine,
} from './environment';
export type { BinaryMode, ExpressionEngineName, HarnessLogEntry, HarnessEnvironment } from './environment';
