/** Extractor operations: list, get, build from modules or a configuration file, delete. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readUploadSource } from '../../helpers/binary';
import { createExtractor, deleteModel, getExtractor, listExtractors } from '../../transport/models';
import { locatorValue, modelLocator, modelName } from '../common';
import { simpleOperation } from '../common.operation';

const picker = modelLocator('extractor', 'searchExtractors');
const newName: INodeProperties = {
	displayName: 'Extractor Name',
	name: 'extractorName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. invoices-uk',
	description: 'Letters, digits, ".", "_" or "-"',
};
const nameValue = (nameLabel: string, valueLabel: string): INodeProperties[] => [
	{ displayName: nameLabel, name: 'name', type: 'string', default: '' },
	{ displayName: valueLabel, name: 'value', type: 'string', default: '' },
];


const builderFields: INodeProperties[] = [
	{
		displayName: 'Define With',
		name: 'defineWith',
		type: 'options',
		options: [
			{ name: 'Modules', value: 'modules', description: 'Pick modules and their arguments' },
			{ name: 'JSON Template', value: 'json', description: 'An Aluma extractor template: {"modules":[…]}' },
		],
		default: 'modules',
	},
	{
		displayName: 'Modules',
		name: 'modules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Module',
		default: {},
		displayOptions: { show: { defineWith: ['modules'] } },
		options: [
			{
				name: 'module',
				displayName: 'Module',
				values: [
					{
						displayName: 'Module Name or ID',
						name: 'id',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getModules' },
						default: '',
						description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Arguments',
						name: 'arguments',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						options: [{ name: 'argument', displayName: 'Argument', values: nameValue('Parameter ID', 'Value') }],
					},
					{
						displayName: 'Field Aliases',
						name: 'fieldAliases',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						options: [{ name: 'alias', displayName: 'Alias', values: nameValue('Field', 'Alias') }],
					},
				],
			},
		],
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'json',
		default: '{\n  "modules": [\n    { "id": "aluma.invoice_amounts" }\n  ]\n}',
		displayOptions: { show: { defineWith: ['json'] } },
	},
];

interface ModuleEntry {
	id?: string;
	arguments?: { argument?: Array<{ name?: string; value?: string }> };
	fieldAliases?: { alias?: Array<{ name?: string; value?: string }> };
}

/** Turns the builder's fields (or the JSON template) into Aluma's `{modules:[…]}` template. */
function templateFrom(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
	};
	if (ctx.getNodeParameter('defineWith', itemIndex, 'modules') === 'json') {
		const raw = ctx.getNodeParameter('template', itemIndex, '{}') as unknown;
		let template: unknown = raw;
		if (typeof raw === 'string') {
			try {
				template = JSON.parse(raw);
			} catch {
				template = undefined;
			}
		}
		const modules = (template as IDataObject | undefined)?.modules;
		if (!Array.isArray(modules) || modules.length === 0) {
			fail('The parameter "Template" is not a valid extractor template', 'Give a JSON object with a non-empty "modules" array, e.g. {"modules":[{"id":"aluma.invoice_amounts"}]}');
		}
		return template as IDataObject;
	}
	const entries = (ctx.getNodeParameter('modules.module', itemIndex, []) as ModuleEntry[]) ?? [];
	if (entries.length === 0) fail('No modules chosen (parameter "Modules")', 'Add at least one module, e.g. aluma.invoice_amounts');
	return {
		modules: entries.map((entry, index) => {
			const id = String(entry.id ?? '').trim();
			if (!id) fail(`Module ${index + 1} has no module chosen (parameter "Modules")`, 'Pick a module from the list');
			const module: IDataObject = { id };
			const args = entry.arguments?.argument ?? [];
			if (args.length) module.arguments = Object.fromEntries(args.filter((a) => a.name).map((a) => [String(a.name), a.value ?? '']));
			const aliases = entry.fieldAliases?.alias ?? [];
			if (aliases.length) module.field_aliases = aliases.filter((a) => a.name).map((a) => ({ field: a.name, alias: a.value ?? '' }));
			return module;
		}),
	};
}

export const getAll = simpleOperation('extractor', 'getAll', [], async function (this: IExecuteFunctions, itemIndex) {
	return (await listExtractors(this, itemIndex)).map((extractor) => ({ json: extractor }));
});

export const get = simpleOperation('extractor', 'get', [picker], async function (this: IExecuteFunctions, itemIndex) {
	return [{ json: await getExtractor(this, locatorValue(this, 'extractor', 'Extractor', itemIndex), itemIndex) }];
});

export const create = simpleOperation('extractor', 'create', [newName, ...builderFields], async function (this: IExecuteFunctions, itemIndex) {
	const name = modelName(this, 'extractorName', 'Extractor Name', itemIndex);
	const template = templateFrom(this, itemIndex);
	return [{ json: { name, created: true, template, ...(await createExtractor(this, name, { template }, itemIndex)) } }];
});

export const createFromFile = simpleOperation('extractor', 'createFromFile',
	[
		newName,
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The field holding the extractor configuration file (.fpxlc)',
		},
	],
	async function (this: IExecuteFunctions, itemIndex) {
		const name = modelName(this, 'extractorName', 'Extractor Name', itemIndex);
		const file = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
		return [{ json: { name, created: true, ...(await createExtractor(this, name, { file }, itemIndex)) } }];
	},
);

export const deleteExtractor = simpleOperation('extractor', 'deleteExtractor', [picker], async function (this: IExecuteFunctions, itemIndex) {
	const name = locatorValue(this, 'extractor', 'Extractor', itemIndex);
	await deleteModel(this, 'extractor', name, itemIndex);
	return [{ json: { deleted: true, name } }];
});

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['extractor'] } },
		options: [
			{ name: 'Create From File', value: 'createFromFile', action: 'Create an extractor from a configuration file' },
			{ name: 'Create From Modules', value: 'create', action: 'Create an extractor from modules' },
			{ name: 'Delete', value: 'deleteExtractor', action: 'Delete an extractor' },
			{ name: 'Get', value: 'get', action: 'Get an extractor' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many extractors' },
		],
		default: 'getAll',
	},
	...[getAll, get, create, createFromFile, deleteExtractor].flatMap((op) => op.description),
];
