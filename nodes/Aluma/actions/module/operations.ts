import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listModules } from '../../transport/models';
import type { AlumaOperation } from '../operation';

/** The modules an extractor can be built from, with their fields and parameters. */
export const getAll: AlumaOperation = {
	description: updateDisplayOptions({ show: { resource: ['module'], operation: ['getAll'] } }, []),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const modules = await listModules(this, itemIndex);
		return modules.map((module) => ({
			json: {
				id: module.id,
				name: module.name ?? module.id,
				summary: module.summary ?? null,
				fields: Array.isArray(module.fields) ? (module.fields as IDataObject[]) : [],
				parameters: Array.isArray(module.parameters) ? (module.parameters as IDataObject[]) : [],
			},
		}));
	},
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['module'] } },
		options: [{ name: 'Get Many', value: 'getAll', action: 'Get many modules', description: 'List the modules extractors can be built from' }],
		default: 'getAll',
	},
	...getAll.description,
];
