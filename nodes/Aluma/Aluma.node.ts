import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as apiRequest from './actions/apiRequest';
import * as classifier from './actions/classifier';
import * as document from './actions/document';
import * as exportActions from './actions/export';
import * as extractor from './actions/extractor';
import * as alumaModule from './actions/module';
import * as project from './actions/project';
import * as task from './actions/task';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class Aluma implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Aluma',
		name: 'aluma',
		icon: { light: 'file:aluma.svg', dark: 'file:aluma.dark.svg' },
		group: ['transform'],
		// 1.1: words for Wait for Task's states, Simplify on by default for every resource.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read, classify, extract and redact documents, and run Aluma projects and tasks',
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
					{ name: 'Classifier', value: 'classifier' },
					{ name: 'Document', value: 'document' },
					{ name: 'Export', value: 'export' },
					{ name: 'Extractor', value: 'extractor' },
					{ name: 'Module', value: 'module' },
					{ name: 'Project', value: 'project' },
					{ name: 'Task', value: 'task' },
				],
				default: 'document',
			},
			...apiRequest.description,
			...document.description,
			...classifier.description,
			...extractor.description,
			...alumaModule.description,
			...project.description,
			...task.description,
			...exportActions.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
