/**
 * Each resource lists its operations once, in the `operations` map of its index.ts; the editor's
 * Operation dropdown is written by hand beside it. These must offer the same operations, or a
 * choice in the editor would have nothing to run (or an operation could never be chosen).
 */
import type { INodeProperties } from 'n8n-workflow';

import { Aluma } from '../../../nodes/Aluma/Aluma.node';
import { operationFor, resources } from '../../../nodes/Aluma/actions/node.type';

const properties = new Aluma().description.properties;
const values = (property: INodeProperties | undefined) => (property?.options ?? []).map((option) => (option as { value: string }).value).sort();
const operationDropdown = (resource: string) =>
	properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource);

describe('the operations of each resource', () => {
	it('are the resources of the Resource dropdown', () => {
		expect(values(properties.find((property) => property.name === 'resource'))).toEqual(Object.keys(resources).sort());
	});

	it.each(Object.keys(resources))('%s: its Operation dropdown offers exactly the operations of its map', (resource) => {
		expect(values(operationDropdown(resource))).toEqual(Object.keys(resources[resource as keyof typeof resources]).sort());
	});

	it.each(Object.keys(resources))('%s: each operation shows its fields for its own value only', (resource) => {
		for (const [value, operation] of Object.entries(resources[resource as keyof typeof resources])) {
			for (const field of operation.description) expect([field.name, field.displayOptions?.show]).toMatchObject([field.name, { resource: [resource], operation: [value] }]);
		}
	});

	it('are found by operationFor, and nothing else is', () => {
		expect(operationFor('document', 'getAll')).toBe(resources.document.getAll);
		expect(operationFor('task', 'waitForTask')).toBe(resources.task.waitForTask);
		expect(operationFor('document', 'toString')).toBeUndefined();
		expect(operationFor('toString', 'get')).toBeUndefined();
		expect(operationFor('document', 'send')).toBeUndefined();
	});
});
