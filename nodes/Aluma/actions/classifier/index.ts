import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as addSample from './addSample.operation';
import * as create from './create.operation';
import * as deleteClassifier from './deleteClassifier.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as train from './train.operation';
import * as upload from './upload.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = { getAll, get, create, upload, train, addSample, deleteClassifier } satisfies Record<string, AlumaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['classifier'] } },
		options: [
			{ name: 'Add Sample', value: 'addSample', action: 'Add a sample to a classifier', description: 'Add one example document for a document type' },
			{ name: 'Create', value: 'create', action: 'Create an empty classifier' },
			{ name: 'Delete', value: 'deleteClassifier', action: 'Delete a classifier' },
			{ name: 'Get', value: 'get', action: 'Get a classifier' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many classifiers' },
			{ name: 'Train From Zip', value: 'train', action: 'Train a classifier from a zip of samples', description: 'One folder per document type' },
			{ name: 'Upload Trained File', value: 'upload', action: 'Upload a trained classifier file' },
		],
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
