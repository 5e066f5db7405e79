import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { documentJson } from '../../helpers/documentOutput';
import { createWithSlot } from '../../documentLifecycle/createWithSlot';
import { deleteCreatedDocuments } from '../../documentLifecycle/temporaryDocument';
import { urlSource } from '../../documentLifecycle/sources';
import { sourceFields } from './fields';

const urlField = sourceFields.find((field) => field.name === 'url') as INodeProperties;

const properties: INodeProperties[] = [{ ...urlField, displayOptions: undefined }];

const displayOptions = { show: { resource: ['document'], operation: ['importFromUrl'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const source = urlSource(this, itemIndex);
	const document = await createWithSlot(this, source.create, { itemIndex });
	return [{ json: { ...documentJson(document), fileName: source.fileName } }];
}

export const undo = deleteCreatedDocuments;
