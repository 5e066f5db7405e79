/**
 * Classifier resource in n8n's engine against the fake Aluma server, whose classifiers are real
 * state: Get Many, Get, Create, Upload Trained File, Train From Zip, Add Sample, Delete.
 *
 * Run: npx jest test/workflow/models/classifier.test.ts
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byName, expectSuccess, failureOf, fileItem, fixture, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { bytesItem, fromList, params, requestLines, zipOf } from '../../support/tasks';

const aluma = useFakeAluma();

const classifier = (operation: string, parameters = {}) => params('classifier', operation, parameters);
const CLF_MIME = 'application/vnd.waives.classifier+zip';

/** A trained classifier file as Aluma exports it: a zip with one folder per document type. */
const trainedClf = zipOf({
	'Receipt/receipt-1.txt': 'Receipt\nTotal: 12.00',
	'Receipt/receipt-2.txt': 'Receipt\nTotal: 8.50',
	'Contract/contract-1.txt': 'Contract between A and B',
});

async function createClassifiers(...names: string[]): Promise<void> {
	expectSuccess(
		await aluma.run({
			parameters: classifier('create', { classifierName: '={{ $json.name }}' }),
			items: names.map((name) => ({ json: { name } })),
		}),
	);
}

describe('Get Many', () => {
	it('returns one item per classifier Aluma holds', async () => {
		await createClassifiers('alpha', 'beta');

		const result = await aluma.run({ parameters: classifier('getAll') });

		expect(jsonOf(result).map((json) => json.name)).toEqual(['mailroom', 'alpha', 'beta']);
		expect(jsonOf(result)[1]).toMatchObject({ name: 'alpha', _links: { self: { href: '/classifiers/alpha' } } });
		expect(requestLines(aluma.fake)).toEqual(['POST /classifiers/alpha', 'POST /classifiers/beta', 'GET /classifiers']);
	});
});

describe('Get', () => {
	it('returns the classifier with its document types and sample count', async () => {
		const result = await aluma.run({ parameters: classifier('get', { classifier: byName('mailroom') }) });

		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ name: 'mailroom', document_types: ['Invoice', 'Purchase Order', 'Letter'], samples: 36 }),
		]);
	});

	it('is refused by n8n itself when a name typed "By Name" breaks the name pattern', async () => {
		await expect(aluma.run({ parameters: classifier('get', { classifier: byName('mail room') }) })).rejects.toThrow(
			'Use letters, digits, ".", "_" or "-"',
		);
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('accepts the classifier picked from the list', async () => {
		const result = await aluma.run({ parameters: classifier('get', { classifier: fromList('mailroom') }) });

		expect(jsonOf(result)[0].name).toBe('mailroom');
	});

	it('fails with a NodeApiError saying the classifier was not found', async () => {
		const result = await aluma.run({ parameters: classifier('get', { classifier: byName('no-such-classifier') }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma has no classifier named "no-such-classifier" (parameter "Classifier")',
			httpCode: '404',
			itemIndex: 0,
		});
		expect(failureOf(result).description).toContain("Aluma said: The classifier 'no-such-classifier' was not found");
	});

	it('refuses a classifier name that an expression left empty, before any request', async () => {
		const result = await aluma.run({ parameters: classifier('get', { classifier: byName('={{ $json.missing ?? "" }}') }) });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toMatchObject({ message: 'No classifier chosen (parameter "Classifier")', itemIndex: 0 });
		expect(aluma.fake.requests()).toEqual([]);
	});
});

describe('Create', () => {
	it('creates an empty classifier that Get Many, Get and Delete then see', async () => {
		const created = await aluma.run({ parameters: classifier('create', { classifierName: 'invoices-2026' }) });
		expect(jsonOf(created)).toEqual([expect.objectContaining({ name: 'invoices-2026', created: true, document_types: [], samples: 0 })]);

		const listed = await aluma.run({ parameters: classifier('getAll') });
		expect(jsonOf(listed).map((json) => json.name)).toEqual(['mailroom', 'invoices-2026']);

		const got = await aluma.run({ parameters: classifier('get', { classifier: fromList('invoices-2026') }) });
		expect(jsonOf(got)[0]).toMatchObject({ name: 'invoices-2026', document_types: [], samples: 0 });

		const deleted = await aluma.run({ parameters: classifier('deleteClassifier', { classifier: fromList('invoices-2026') }) });
		expect(jsonOf(deleted)).toEqual([{ deleted: true, name: 'invoices-2026' }]);

		const after = await aluma.run({ parameters: classifier('getAll') });
		expect(jsonOf(after).map((json) => json.name)).toEqual(['mailroom']);
		expect(requestLines(aluma.fake)).toEqual([
			'POST /classifiers/invoices-2026',
			'GET /classifiers',
			'GET /classifiers/invoices-2026',
			'DELETE /classifiers/invoices-2026',
			'GET /classifiers',
		]);
	});

	it('refuses a name with characters Aluma does not accept, naming the parameter and the item, and sends nothing', async () => {
		const result = await aluma.run({
			parameters: classifier('create', { classifierName: '={{ $json.name }}' }),
			items: [{ json: { name: 'mail room/2026' } }],
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toEqual({
			name: 'NodeOperationError',
			message: 'The classifier name "mail room/2026" contains characters Aluma does not accept (parameter "Classifier Name")',
			description: 'Use 1 to 100 letters, digits, ".", "_" or "-", e.g. invoices-2026',
			itemIndex: 0,
			httpCode: undefined,
		});
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('reports the item whose name is invalid and creates the valid ones when continuing on fail', async () => {
		const result = await aluma.run({
			parameters: classifier('create', { classifierName: '={{ $json.name }}' }),
			items: [{ json: { name: 'first' } }, { json: { name: 'bad*name' } }, { json: { name: 'third' } }],
			continueOnFail: true,
		});

		expect(expectSuccess(result).map((item) => [item.json.name ?? item.json.error, item.pairedItem])).toEqual([
			['first', { item: 0 }],
			['The classifier name "bad*name" contains characters Aluma does not accept (parameter "Classifier Name")', { item: 1 }],
			['third', { item: 2 }],
		]);
		expect([...aluma.fake.state.classifiers.keys()]).toEqual(['mailroom', 'first', 'third']);
	});

	it('turns the 409 for a name already taken into a NodeApiError and leaves the existing classifier as it was', async () => {
		const result = await aluma.run({ parameters: classifier('create', { classifierName: 'mailroom' }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma reported a conflict when trying to create the classifier "mailroom"',
			httpCode: '409',
			itemIndex: 0,
		});
		expect(failureOf(result).description).toBe(
			"Aluma said: A classifier named 'mailroom' already exists. Something with this name already exists. Choose another name or delete the existing one first",
		);
		expect(aluma.fake.state.classifiers.get('mailroom')?.types.map((type) => type.name)).toEqual(['Invoice', 'Purchase Order', 'Letter']);
	});
});

describe('Upload Trained File', () => {
	it.each(['memory', 'filesystem'] as const)('uploads a .clf zip whose folders become the document types (%s binary mode)', async (binaryMode) => {
		const result = await aluma.run({
			parameters: classifier('upload', { classifierName: 'receipts' }),
			items: [bytesItem(trainedClf, 'receipts.clf', 'application/octet-stream')],
			binaryMode,
		});

		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ name: 'receipts', uploaded: true, document_types: ['Receipt', 'Contract'], samples: 3 }),
		]);
		const [upload] = aluma.fake.requests().filter((entry) => entry.route === 'POST /classifiers/:name');
		expect(upload).toMatchObject({ path: '/classifiers/receipts', contentType: CLF_MIME, bodyBytes: trainedClf.length, status: 201 });
		expect(aluma.fake.state.classifiers.get('receipts')?.source).toBe('upload');
	});

	it.each(['memory', 'filesystem'] as const)('refuses a file that is not a zip before uploading it (%s binary mode)', async (binaryMode) => {
		const result = await aluma.run({
			parameters: classifier('upload', { classifierName: 'receipts' }),
			items: [fileItem('notes.txt')],
			binaryMode,
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toMatchObject({
			message: 'The file "notes.txt" is not a zip file (parameter "Input Binary Field")',
			description: 'A trained classifier (.clf) must be a zip archive',
			itemIndex: 0,
		});
		expect(aluma.fake.requests()).toEqual([]);
		expect(aluma.fake.state.classifiers.has('receipts')).toBe(false);
	});

	it('reports a file Aluma cannot read as a classifier, and no classifier is left behind', async () => {
		const corrupt = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('not really a zip')]);

		const result = await aluma.run({
			parameters: classifier('upload', { classifierName: 'receipts' }),
			items: [bytesItem(corrupt, 'receipts.clf', 'application/octet-stream')],
		});

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma rejected the request to upload the classifier "receipts" as invalid',
			httpCode: '400',
		});
		expect(failureOf(result).description).toContain('Aluma said: The classifier file is not a valid classifier (.clf) archive');
		expect(requestLines(aluma.fake)).toEqual(['POST /classifiers/receipts']);
		expect(aluma.fake.state.classifiers.has('receipts')).toBe(false);
	});

	it('names the missing binary property and the ones the item has', async () => {
		const result = await aluma.run({
			parameters: classifier('upload', { classifierName: 'receipts', binaryPropertyName: 'clf' }),
			items: [bytesItem(trainedClf, 'receipts.clf', 'application/octet-stream')],
		});

		expect(failureOf(result)).toMatchObject({
			message: 'Item 0 has no binary property "clf" (parameter "Input Binary Field")',
			description: 'This item has the binary properties: data. Set "Input Binary Field" to one of them',
		});
		expect(aluma.fake.requests()).toEqual([]);
	});
});

describe('Train From Zip', () => {
	it.each(['memory', 'filesystem'] as const)('adds the samples of each folder, and Get then shows the document types (%s binary mode)', async (binaryMode) => {
		await createClassifiers('mailroom-v2');
		const samples = fixture('samples.zip');

		const trained = await aluma.run({
			parameters: classifier('train', { classifier: fromList('mailroom-v2') }),
			items: [fileItem('samples.zip')],
			binaryMode,
		});

		expect(jsonOf(trained)).toEqual([
			{
				classifier: 'mailroom-v2',
				trained: true,
				name: 'mailroom-v2',
				document_types: [
					{ name: 'Invoice', samples_added: 2, samples: 2 },
					{ name: 'Letter', samples_added: 2, samples: 2 },
				],
				samples_added: 4,
				ignored: ['README.txt'],
			},
		]);
		const [upload] = aluma.fake.requests().filter((entry) => entry.route === 'POST /classifiers/:name/samples');
		expect(upload).toMatchObject({ path: '/classifiers/mailroom-v2/samples', contentType: 'application/zip', bodyBytes: samples.length });

		const got = await aluma.run({ parameters: classifier('get', { classifier: byName('mailroom-v2') }) });
		expect(jsonOf(got)[0]).toMatchObject({ document_types: ['Invoice', 'Letter'], samples: 4 });
	});

	it('refuses a samples file that is not a zip, and the classifier stays untrained', async () => {
		await createClassifiers('mailroom-v2');
		const before = aluma.fake.requests().length;

		const result = await aluma.run({
			parameters: classifier('train', { classifier: fromList('mailroom-v2') }),
			items: [fileItem('invoice.pdf')],
		});

		expect(failureOf(result)).toMatchObject({
			name: 'NodeOperationError',
			message: 'The file "invoice.pdf" is not a zip file (parameter "Input Binary Field")',
			description: 'The samples file must be a zip archive',
		});
		expect(requestLines(aluma.fake, before)).toEqual([]);
		expect(aluma.fake.state.classifiers.get('mailroom-v2')?.types).toEqual([]);
	});

	it('fails with a NodeApiError for a classifier that does not exist', async () => {
		const result = await aluma.run({
			parameters: classifier('train', { classifier: byName('ghost') }),
			items: [fileItem('samples.zip')],
		});

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma has no classifier named "ghost" (parameter "Classifier")',
			httpCode: '404',
		});
	});
});

describe('Add Sample', () => {
	it('adds one sample to a document type, creating the type on first use', async () => {
		await createClassifiers('orders');

		const result = await aluma.run({
			parameters: classifier('addSample', { classifier: fromList('orders'), documentType: 'Purchase Order' }),
			items: [fileItem('purchase-order.pdf'), fileItem('purchase-order.pdf')],
		});

		expect(jsonOf(result)).toEqual([
			{ classifier: 'orders', documentType: 'Purchase Order', added: true, fileName: 'purchase-order.pdf', name: 'orders', document_type: 'Purchase Order', samples: 1 },
			{ classifier: 'orders', documentType: 'Purchase Order', added: true, fileName: 'purchase-order.pdf', name: 'orders', document_type: 'Purchase Order', samples: 2 },
		]);
		const uploads = aluma.fake.requests().filter((entry) => entry.route === 'POST /classifiers/:name/sample/:documentType');
		expect(uploads.map((entry) => [entry.path, entry.contentType, entry.bodyBytes])).toEqual([
			['/classifiers/orders/sample/Purchase%20Order', 'application/pdf', fixture('purchase-order.pdf').length],
			['/classifiers/orders/sample/Purchase%20Order', 'application/pdf', fixture('purchase-order.pdf').length],
		]);
		const got = await aluma.run({ parameters: classifier('get', { classifier: byName('orders') }) });
		expect(jsonOf(got)[0]).toMatchObject({ document_types: ['Purchase Order'], samples: 2 });
	});

	it('refuses an empty document type before any request', async () => {
		const result = await aluma.run({
			parameters: classifier('addSample', { classifier: fromList('mailroom'), documentType: ' ' }),
			items: [fileItem('invoice.pdf')],
		});

		expect(failureOf(result)).toMatchObject({
			name: 'NodeOperationError',
			message: 'The parameter "Document Type" is empty',
			description: 'Enter a value for "Document Type"',
			itemIndex: 0,
		});
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('refuses an empty sample file before any request', async () => {
		const result = await aluma.run({
			parameters: classifier('addSample', { classifier: fromList('mailroom'), documentType: 'Invoice' }),
			items: [bytesItem(Buffer.alloc(0), 'empty.pdf', 'application/pdf')],
		});

		expect(failureOf(result)).toMatchObject({
			name: 'NodeOperationError',
			message: 'The file in binary property "data" of item 0 is empty (parameter "Input Binary Field")',
		});
		expect(aluma.fake.requests()).toEqual([]);
	});
});

describe('Delete', () => {
	it('deletes each classifier named by the items', async () => {
		await createClassifiers('old-1', 'old-2');

		const result = await aluma.run({
			parameters: classifier('deleteClassifier', { classifier: byName('={{ $json.name }}') }),
			items: [{ json: { name: 'old-1' } }, { json: { name: 'old-2' } }],
		});

		expect(jsonOf(result)).toEqual([
			{ deleted: true, name: 'old-1' },
			{ deleted: true, name: 'old-2' },
		]);
		expect([...aluma.fake.state.classifiers.keys()]).toEqual(['mailroom']);
	});

	it('fails with a NodeApiError for a classifier that is already gone', async () => {
		const result = await aluma.run({ parameters: classifier('deleteClassifier', { classifier: byName('gone') }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma has no classifier named "gone" (parameter "Classifier")',
			httpCode: '404',
		});
	});
});
