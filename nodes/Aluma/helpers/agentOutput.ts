/**
 * Output for an AI agent. n8n hands a tool node's output JSON to the model verbatim, and a model
 * reads every byte: the router drops HAL `_links` for it (resourceOutput.ts).
 */
import type { INode } from 'n8n-workflow';

/** The `usableAsTool` variant n8n builds is the node type with "Tool" appended (e.g. alumaTool). */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}
