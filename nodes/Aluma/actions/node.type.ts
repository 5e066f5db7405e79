/** The typed map resource → operation → implementation that the router dispatches on. */
import * as apiRequest from './apiRequest';
import * as classifier from './classifier';
import * as document from './document';
import * as exportActions from './export';
import * as extractor from './extractor';
import * as alumaModule from './module';
import * as project from './project';
import * as task from './task';
import type { AlumaOperation } from './operation';

// Each resource lists its operations once, in its index.ts.
export const resources = {
	classifier: classifier.operations,
	extractor: extractor.operations,
	module: alumaModule.operations,
	project: project.operations,
	task: task.operations,
	export: exportActions.operations,
	apiRequest: apiRequest.operations,
	document: document.operations,
} satisfies Record<string, Record<string, AlumaOperation>>;

export type AlumaResource = keyof typeof resources;

export function operationFor(resource: string, operation: string): AlumaOperation | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const operations = resources[resource as AlumaResource] as Record<string, AlumaOperation>;
	return Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
}
