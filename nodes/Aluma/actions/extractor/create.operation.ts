import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createExtractor } from '../../transport/models';
import { modelName } from '../parameters';
import { extractorNameField } from './fields';
import { templateFrom } from './template';
import { simplifyOutputField } from '../outputFields';

/** A picker of what the chosen modules declare, and the value to give it. */
const pickerAndValue = (nameLabel: string, loadOptionsMethod: string, valueLabel: string): INodeProperties[] => [
	{
		displayName: `${nameLabel} Name or ID`,
		name: 'name',
		type: 'options',
		typeOptions: { loadOptionsMethod, loadOptionsDependsOn: ['modules'] },
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
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
						placeholder: 'Add Argument',
						default: {},
						options: [{ name: 'argument', displayName: 'Argument', values: pickerAndValue('Parameter', 'getModuleParameters', 'Value') }],
					},
					{
						displayName: 'Field Aliases',
						name: 'fieldAliases',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Field Alias',
						default: {},
						options: [{ name: 'alias', displayName: 'Alias', values: pickerAndValue('Field', 'getModuleFields', 'Alias') }],
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
	simplifyOutputField,
];

const displayOptions = { show: { resource: ['extractor'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const simplifiesOutput = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = modelName(this, 'extractorName', 'Extractor Name', itemIndex);
	const template = await templateFrom(this, itemIndex);
	return [{ json: { name, created: true, template, ...(await createExtractor(this, name, { template }, itemIndex)) } }];
}
