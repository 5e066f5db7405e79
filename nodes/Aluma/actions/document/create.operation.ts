import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentJson } from '../../helpers/documentOutput';
import { binarySource } from '../../documentLifecycle/sources';
import { createWithSlot } from '../../documentLifecycle/createWithSlot';
import { deleteCreatedDocuments } from '../../documentLifecycle/temporaryDocument';
import { binaryFileField, concurrencyFrom, concurrencyOption } from './fields';

const properties: INodeProperties[] = [
	binaryFileField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [concurrencyOption],
	},
];

const displayOptions = { show: { resource: ['document'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const concurrency = concurrencyFrom;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const source = await binarySource(this, itemIndex);
	const document = await createWithSlot(this, source.create, { itemIndex });
	return [{ json: { ...documentJson(document), fileName: source.fileName } }];
}

export const undo = deleteCreatedDocuments;
