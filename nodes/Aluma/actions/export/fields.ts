/** Field definitions shared by the Export operations, so each reads the same everywhere. */
import type { INodeProperties } from 'n8n-workflow';

export { clientActionField, taskIdFields } from '../task/fields';

export const downloadFilesField: INodeProperties = {
	displayName: 'Download Files',
	name: 'downloadFiles',
	type: 'boolean',
	default: true,
	description: 'Whether to download the files the specification refers to (such as searchable PDFs) as binary data',
};

const forValidation = (input?: 'fields' | 'json') => ({
	show: { clientAction: ['validation'], ...(input ? { validationResultsInput: [input] } : {}) },
});

/**
 * What Complete and Cancel send for a validation: a Validation Results object (DOC, Cancel Client
 * Action). For an export they send no body at all, so these fields show for validation only.
 */
export const validationResultsFields: INodeProperties[] = [
	{
		displayName: 'Validation Results',
		name: 'validationResultsInput',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: 'The document type and field values of a one-document task' },
			{ name: 'Using JSON', value: 'json', description: 'A whole Validation Results object, e.g. built from the output of Start' },
		],
		default: 'fields',
		displayOptions: forValidation(),
	},
	{
		displayName: 'Document Type',
		name: 'validatedDocumentType',
		type: 'string',
		default: '',
		placeholder: 'e.g. Invoice',
		description: "The document type the reviewer confirmed. Leave empty to keep Aluma's.",
		displayOptions: forValidation('fields'),
	},
	{
		displayName: 'Fields',
		name: 'validatedFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		description: 'The field values as the reviewer checked or corrected them',
		options: [
			{
				name: 'field',
				displayName: 'Field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Invoice Number' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
		displayOptions: forValidation('fields'),
	},
	{
		displayName: 'Validation Results (JSON)',
		name: 'validationResultsJson',
		type: 'json',
		default: '{\n  "documents": [\n    { "document_type": "Invoice", "fields": { "Invoice Number": "INV-1001" } }\n  ]\n}',
		description: 'The Validation Results object Aluma receives',
		displayOptions: forValidation('json'),
	},
];