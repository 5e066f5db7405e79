/**
 * Runs the `*.workflow.json` files under test/workflow: each is an n8n workflow as the editor
 * exports it (Manual Trigger → one Aluma node), with the Aluma node's expected output pinned in
 * `pinData` as n8n's own node tests do, and the answers Aluma gives in `meta.alumaAnswers`
 * (nock, network closed). The Aluma node runs in n8n-core's engine with a credential that
 * already holds a token; the run's JSON output must equal the pinned items.
 * `PIN_WORKFLOW_OUTPUT=1` writes the output into the file instead: read the diff before committing it.
 */
import type { IDataObject, INode, INodeExecutionData, IPinData } from 'n8n-workflow';

import type { NodeWorkflowResult } from '../workflow/harness';
import { FAKE_ALUMA_DIR } from '../fake-aluma/paths';
import { BEARER, aluma } from './contract';
import { fs, path, process } from './node';

/** One answer of Aluma: the request it answers (path with query string) and what it sends back. */
export interface AlumaAnswer {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	/** When given, the request body must equal it (a JSON object). */
	requestBody?: Record<string, string>;
	status?: number;
	body?: IDataObject | IDataObject[] | string;
	headers?: Record<string, string>;
}

export interface WorkflowFile {
	name: string;
	nodes: INode[];
	pinData: IPinData;
	meta: { alumaAnswers: AlumaAnswer[] };
}

export const WORKFLOW_DIR = path.join(FAKE_ALUMA_DIR, '..', 'workflow');

/** Every `*.workflow.json` below test/workflow, as paths relative to it. */
export function workflowFiles(): string[] {
	return (fs.readdirSync(WORKFLOW_DIR, { recursive: true }) as string[])
		.filter((file) => file.endsWith('.workflow.json'))
		.sort();
}

export function readWorkflowFile(file: string): WorkflowFile {
	return JSON.parse(fs.readFileSync(path.join(WORKFLOW_DIR, file), 'utf8')) as WorkflowFile;
}

/** The workflow's Aluma node (exactly one per file). */
export function alumaNodeOf(workflow: WorkflowFile): INode {
	const nodes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-aluma.aluma');
	if (nodes.length !== 1) throw new Error(`${workflow.name}: expected one Aluma node, found ${nodes.length}`);
	return nodes[0];
}

/** Pins every answer on the Aluma host; each must be asked for once, with the stored token. */
export function pinAnswers(answers: AlumaAnswer[]): void {
	for (const answer of answers) {
		aluma()
			.intercept(answer.path, answer.method, answer.requestBody)
			.matchHeader('authorization', BEARER)
			.reply(answer.status ?? 200, answer.body ?? '', answer.headers);
	}
}

/** What n8n's node tests compare: the JSON of each output item. */
export function outputJson(result: NodeWorkflowResult): Array<Pick<INodeExecutionData, 'json'>> {
	return (result.outputs[0] ?? []).map((item) => ({ json: item.json }));
}

/** With PIN_WORKFLOW_OUTPUT=1, stores `output` as the node's pinned output in the file. */
export function pinOutputIfAsked(file: string, workflow: WorkflowFile, nodeName: string, output: Array<Pick<INodeExecutionData, 'json'>>): void {
	if (process.env.PIN_WORKFLOW_OUTPUT !== '1') return;
	const updated = { ...workflow, pinData: { ...workflow.pinData, [nodeName]: output } };
	fs.writeFileSync(path.join(WORKFLOW_DIR, file), `${JSON.stringify(updated, null, 2)}\n`);
}
