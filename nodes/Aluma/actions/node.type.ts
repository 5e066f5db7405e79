/** The typed map resource → operation → implementation that the router dispatches on. */
import * as apiRequest from './apiRequest';
import * as document from './document';
import type { AlumaOperation } from './operation';

export const resources = {
	apiRequest: { send: apiRequest.send },
	document: {
		classify: document.classify,
		classifyAndExtract: document.classifyAndExtract,
		classifyFile: document.classifyFile,
		create: document.create,
		deleteDocument: document.deleteDocument,
		extract: document.extract,
		extractFromFile: document.extractFromFile,
		get: document.get,
		getAll: document.getAll,
		importFromUrl: document.importFromUrl,
		read: document.read,
		readFile: document.readFile,
		redact: document.redact,
		redactFile: document.redactFile,
	},
} satisfies Record<string, Record<string, AlumaOperation>>;

export type AlumaResource = keyof typeof resources;

export function operationFor(resource: string, operation: string): AlumaOperation | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const operations = resources[resource as AlumaResource] as Record<string, AlumaOperation>;
	return Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
}
