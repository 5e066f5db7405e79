import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as apiRequest from './actions/apiRequest';
import * as document from './actions/document';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class Aluma implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aluma',
		name: 'aluma',
		icon: { light: 'file:aluma.svg', dark: 'file:aluma.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read, classify, extract and redact documents with Aluma',
		defaults: { name: 'Aluma' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alumaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'API Request', value: 'apiRequest' },
					{ name: 'Document', value: 'document' },
				],
				default: 'document',
			},
			...apiRequest.description,
			...document.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
