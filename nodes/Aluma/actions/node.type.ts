/** The typed map resource → operation → implementation that the router dispatches on. */
import * as apiRequest from './apiRequest';
import type { AlumaOperation } from './operation';

export const resources = {
	apiRequest: { send: apiRequest.send },
} satisfies Record<string, Record<string, AlumaOperation>>;

export type AlumaResource = keyof typeof resources;

export function operationFor(resource: string, operation: string): AlumaOperation | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const operations = resources[resource as AlumaResource] as Record<string, AlumaOperation>;
	return Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
}
