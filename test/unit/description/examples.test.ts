/**
 * Every example workflow opens in the editor without a parameter issue: n8n-workflow's own check
 * (required values, resource-locator modes and their regexes), plus what the editor adds on top:
 * an options value must be one of the options, and a picker that loads Aluma's models offers no
 * empty choice, so "" there is shown as "The value "" is not supported!".
 */
import type { INode, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Aluma } from '../../../nodes/Aluma/Aluma.node';
import { AlumaTrigger } from '../../../nodes/AlumaTrigger/AlumaTrigger.node';
import { FIXTURES_DIR } from '../../fake-aluma/paths';
import { fs, path } from '../../support/node.js';

const aluma = new Aluma().description;
const descriptions: Record<string, INodeTypeDescription> = {
	'n8n-nodes-aluma.aluma': aluma,
	'n8n-nodes-aluma.alumaTool': { ...aluma, name: 'alumaTool' },
	'n8n-nodes-aluma.alumaTrigger': new AlumaTrigger().description,
};

const EXAMPLES = path.join(FIXTURES_DIR, '..', '..', 'examples');
const examples = (fs.readdirSync(EXAMPLES) as string[]).filter((file) => file.endsWith('.json'));

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

/** The editor's option checks, walking displayed parameters (and the values inside fixed collections). */
export function optionIssues(properties: INodeProperties[], values: INodeParameters, node: INode, type: INodeTypeDescription, where = ''): string[] {
	const issues: string[] = [];
	for (const property of properties) {
		if (!NodeHelpers.displayParameter(values, property, node, type, values)) continue;
		const value = values[property.name];
		const name = `${where}${property.displayName}`;
		if (value === undefined || isExpression(value)) continue;
		if (property.type === 'options' || property.type === 'multiOptions') {
			const chosen = property.type === 'options' ? [value] : Array.isArray(value) ? value : [];
			for (const entry of chosen) {
				if (isExpression(entry)) continue;
				const loaded = property.typeOptions?.loadOptionsMethod !== undefined;
				const known = (property.options ?? []).some((option) => 'value' in option && option.value === entry);
				if ((loaded && entry === '') || (!loaded && !known)) issues.push(`${name}: The value "${String(entry)}" is not supported!`);
			}
		}
		if (property.type === 'fixedCollection' && typeof value === 'object' && value !== null) {
			for (const group of property.options ?? []) {
				if (!('values' in group)) continue;
				const entries = (value as INodeParameters)[group.name];
				for (const entry of Array.isArray(entries) ? entries : entries ? [entries] : []) {
					issues.push(...optionIssues(group.values, entry as INodeParameters, node, type, `${name} → `));
				}
			}
		}
	}
	return issues;
}

function issuesOf(node: INode): string[] {
	const type = descriptions[node.type];
	const parameters = NodeHelpers.getNodeParameters(type.properties, node.parameters, true, false, node, type) ?? {};
	const found = NodeHelpers.getNodeParametersIssues(type.properties, { ...node, parameters }, type)?.parameters ?? {};
	return [...Object.entries(found).flatMap(([name, list]) => list.map((issue) => `${name}: ${issue}`)), ...optionIssues(type.properties, parameters, node, type)];
}

describe('example workflows', () => {
	it.each(examples)('%s opens with no parameter issue', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as { nodes: INode[] };
		const ours = workflow.nodes.filter((node) => node.type in descriptions);
		expect(ours.length).toBeGreaterThan(0);
		expect(Object.fromEntries(ours.map((node) => [node.name, issuesOf(node)]))).toEqual(Object.fromEntries(ours.map((node) => [node.name, []])));
	});
});

describe('the issue check itself', () => {
	const node = (parameters: INodeParameters): INode => ({
		id: 'x',
		name: 'Aluma',
		type: 'n8n-nodes-aluma.aluma',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	});

	it('reports an empty required extractor, a bad name and an unknown option, as the editor does', () => {
		expect(issuesOf(node({ resource: 'document', operation: 'extractFromFile', extractor: { __rl: true, mode: 'list', value: '' } }))).toEqual([
			'extractor: Parameter "Extractor" is required.',
		]);
		expect(issuesOf(node({ resource: 'document', operation: 'extractFromFile', extractor: { __rl: true, mode: 'name', value: 'a b' } }))).toEqual([
			'extractor: Use letters, digits, ".", "_" or "-"',
		]);
		expect(issuesOf(node({ resource: 'document', operation: 'extractFromFile', source: 'ftp', extractor: { __rl: true, mode: 'name', value: 'x' } }))).toEqual([
			'Source: The value "ftp" is not supported!',
		]);
	});

	it('accepts an empty "Split Table Rows Into Items" (no split), a picked table field and a version 1 plain name', () => {
		const extract = { resource: 'document', operation: 'extractFromFile', extractor: { __rl: true, mode: 'list', value: 'aluma.invoices.gb' } };
		expect(issuesOf(node(extract))).toEqual([]);
		expect(issuesOf(node({ ...extract, splitTableField: { __rl: true, mode: 'list', value: '' } }))).toEqual([]);
		expect(issuesOf(node({ ...extract, splitTableField: { __rl: true, mode: 'name', value: 'Line Items' } }))).toEqual([]);
		expect(issuesOf(node({ ...extract, splitTableField: 'Line Items' }))).toEqual([]);
	});

	it('asks for a task in version 1.1 and accepts a version 1 Task ID as text', () => {
		const get = { resource: 'task', operation: 'get' };
		expect(issuesOf({ ...node({ ...get, taskId: 'SWdh86taQhKwwpY0HUKD7Q' }), typeVersion: 1 })).toEqual([]);
		expect(issuesOf({ ...node({ ...get, taskId: { __rl: true, mode: 'list', value: 'SWdh86taQhKwwpY0HUKD7Q' } }), typeVersion: 1.1 })).toEqual([]);
		expect(issuesOf({ ...node({ ...get, taskId: { __rl: true, mode: 'id', value: '' } }), typeVersion: 1.1 })).toEqual(['taskId: Parameter "Task ID" is required.']);
	});

	it('accepts Classify and Extract with no fallback extractor', () => {
		const parameters = {
			resource: 'document',
			operation: 'classifyAndExtract',
			classifier: { __rl: true, mode: 'list', value: 'mailroom' },
			extractorMapping: { mapping: [{ documentType: 'Invoice', extractor: { __rl: true, mode: 'list', value: 'aluma.invoices.gb' } }] },
		};
		expect(issuesOf(node(parameters))).toEqual([]);
	});
});
