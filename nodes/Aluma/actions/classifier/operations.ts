/**
 * Classifier operations. Each is a few lines, so they share this file; their fields come from
 * the small definitions below, shown with updateDisplayOptions like any operation file.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readUploadSource } from '../../helpers/binary';
import {
	addClassifierSample,
	addClassifierSamples,
	createClassifier,
	deleteModel,
	getClassifier,
	listClassifiers,
} from '../../transport/models';
import { locatorValue, modelLocator, modelName, requiredString } from '../common';
import { simpleOperation } from '../common.operation';

const picker = modelLocator('classifier', 'searchClassifiers');
const newName: INodeProperties = {
	displayName: 'Classifier Name',
	name: 'classifierName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. mailroom',
	description: 'Letters, digits, ".", "_" or "-"',
};
const binaryField = (hint: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint,
});


const ZIP_MAGIC = Buffer.from([0x50, 0x4b]);

/** A zip starts with "PK"; checking first saves an upload that Aluma would refuse. */
async function assertZip(ctx: IExecuteFunctions, itemIndex: number, upload: Awaited<ReturnType<typeof readUploadSource>>, label: string): Promise<void> {
	let head = upload.buffer;
	if (!head) {
		// Only the first chunk of a file n8n keeps on disk is read; leaving the loop closes the stream.
		for await (const chunk of (await upload.body()) as AsyncIterable<Buffer>) {
			head = Buffer.from(chunk);
			break;
		}
	}
	head ??= Buffer.alloc(0);
	if (head.subarray(0, 2).equals(ZIP_MAGIC)) return;
	throw new NodeOperationError(ctx.getNode(), `The file "${upload.fileName}" is not a zip file (parameter "Input Binary Field")`, {
		description: `${label} must be a zip archive`,
		itemIndex,
	});
}

export const getAll = simpleOperation('classifier', 'getAll', [], async function (this: IExecuteFunctions, itemIndex) {
	return (await listClassifiers(this, itemIndex)).map((classifier) => ({ json: classifier }));
});

export const get = simpleOperation('classifier', 'get', [picker], async function (this: IExecuteFunctions, itemIndex) {
	const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
	return [{ json: await getClassifier(this, name, itemIndex) }];
});

export const create = simpleOperation('classifier', 'create', [newName], async function (this: IExecuteFunctions, itemIndex) {
	const name = modelName(this, 'classifierName', 'Classifier Name', itemIndex);
	return [{ json: { name, created: true, ...(await createClassifier(this, name, undefined, itemIndex)) } }];
});

export const upload = simpleOperation('classifier', 'upload',
	[newName, binaryField('The field holding the trained classifier (.clf) file')],
	async function (this: IExecuteFunctions, itemIndex) {
		const name = modelName(this, 'classifierName', 'Classifier Name', itemIndex);
		const file = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
		await assertZip(this, itemIndex, file, 'A trained classifier (.clf)');
		return [{ json: { name, uploaded: true, ...(await createClassifier(this, name, file, itemIndex)) } }];
	},
);

export const train = simpleOperation('classifier', 'train',
	[picker, binaryField('The field holding a zip with one folder of samples per document type')],
	async function (this: IExecuteFunctions, itemIndex) {
		const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
		const zip = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
		await assertZip(this, itemIndex, zip, 'The samples file');
		return [{ json: { classifier: name, trained: true, ...(await addClassifierSamples(this, name, zip, itemIndex)) } }];
	},
);

export const addSample = simpleOperation('classifier', 'addSample',
	[
		picker,
		{
			displayName: 'Document Type',
			name: 'documentType',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Invoice',
			description: 'The document type this sample is an example of',
		},
		binaryField('The field holding the sample document'),
	],
	async function (this: IExecuteFunctions, itemIndex) {
		const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
		const documentType = requiredString(this, 'documentType', 'Document Type', itemIndex);
		const sample = await readUploadSource(this, itemIndex, 'binaryPropertyName', 'Input Binary Field');
		const result = await addClassifierSample(this, name, documentType, sample, itemIndex);
		return [{ json: { classifier: name, documentType, added: true, fileName: sample.fileName, ...result } }];
	},
);

export const deleteClassifier = simpleOperation('classifier', 'deleteClassifier', [picker], async function (this: IExecuteFunctions, itemIndex) {
	const name = locatorValue(this, 'classifier', 'Classifier', itemIndex);
	await deleteModel(this, 'classifier', name, itemIndex);
	return [{ json: { deleted: true, name } }];
});

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
	...[getAll, get, create, upload, train, addSample, deleteClassifier].flatMap((op) => op.description),
];
