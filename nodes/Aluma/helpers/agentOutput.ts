/**
 * Output for an AI agent. n8n hands a tool node's output JSON to the model verbatim, and a model
 * reads every byte: HAL `_links` are navigation for API clients, not facts about the document.
 */
import type { IDataObject, INode } from 'n8n-workflow';

/** The `usableAsTool` variant n8n builds is the node type with "Tool" appended (e.g. alumaTool). */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

function dropLinks(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(dropLinks);
	if (typeof value !== 'object' || value === null) return value;
	const output: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (key !== '_links') output[key] = dropLinks(entry) as IDataObject[keyof IDataObject];
	}
	return output;
}

/** The JSON without HAL `_links`, at any depth. */
export function withoutLinks(json: IDataObject): IDataObject {
	return dropLinks(json) as IDataObject;
}
