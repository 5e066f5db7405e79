import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createExtractor } from '../../transport/models';
import { modelName } from '../common';
import { extractorNameField } from './fields';
import { templateFrom } from './template';

const nameValue = (nameLabel: string, valueLabel: string): INodeProperties[] => [
	{ displayName: nameLabel, name: 'name', type: 'string', default: '' },
	{ displayName: valueLabel, name: 'value', type: 'string', default: '' },
];

const properties: INodeProperties[] = [
	extractorNameField,
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

const displayOptions = { show: { resource: ['extractor'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = modelName(this, 'extractorName', 'Extractor Name', itemIndex);
	const template = await templateFrom(this, itemIndex);
	return [{ json: { name, created: true, template, ...(await createExtractor(this, name, { template }, itemIndex)) } }];
}
