/**
 * Contract of the Classifier resource with Aluma's classifier API: the exact
 * requests the node sends and how it reads Aluma's answers, including answers the fake does not
 * give (empty success bodies, legacy error bodies). nock answers; the network is closed. Binary
 * data in n8n's memory mode (see test/support/contractRecorder.ts; streamed uploads: test/workflow/models).
 *
 * Run: npx jest test/contract/models/classifiers.test.ts
 */
import { writeZip } from '../../fake-aluma/zip';
import { expectSuccess, failureOf, fileItem, legacyError, useContract } from '../../support/contractRecorder';

const contract = useContract();

const classifier = (operation: string, parameters = {}) => ({ resource: 'classifier', operation, ...parameters });
const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const clf = writeZip([{ name: 'Receipt/' }, { name: 'Receipt/r1.txt', data: 'Receipt total 12.00' }]);
const samples = writeZip([{ name: 'Invoice/' }, { name: 'Invoice/i1.txt', data: 'Invoice 1' }, { name: 'Letter/' }, { name: 'Letter/l1.txt', data: 'Dear' }]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('Get Many', () => {
	it('sends GET /classifiers with the bearer token and keeps only entries that have a name', async () => {
		contract
			.aluma()
			.get('/classifiers')
			.reply(contract.reply(200, { classifiers: [{ name: 'mailroom', _links: { self: { href: '/classifiers/mailroom' } } }, { id: 'no-name' }, { name: 'b' }] }));

		const result = await contract.run(classifier('getAll'));

		expect(expectSuccess(result)).toEqual([{ name: 'mailroom', _links: { self: { href: '/classifiers/mailroom' } } }, { name: 'b' }]);
		expect(contract.seen[0]).toMatchObject({ method: 'GET', path: '/classifiers' });
		expect(contract.seen[0].body).toHaveLength(0);
	});

	it('returns no items when Aluma lists none, or answers without a list', async () => {
		contract.aluma().get('/classifiers').reply(contract.reply(200, { classifiers: [] }));
		contract.aluma().get('/classifiers').reply(contract.reply(200, {}));

		expect(expectSuccess(await contract.run(classifier('getAll')))).toEqual([]);
		expect(expectSuccess(await contract.run(classifier('getAll')))).toEqual([]);
	});
});

describe('Get', () => {
	it("sends GET /classifiers/{name} and returns Aluma's resource as it is", async () => {
		const resource = { name: 'aluma.mailroom-v2', document_types: ['Invoice'], _links: {} };
		contract.aluma().get('/classifiers/aluma.mailroom-v2').reply(contract.reply(200, resource));

		expect(expectSuccess(await contract.run(classifier('get', { classifier: byName('aluma.mailroom-v2') })))).toEqual([resource]);
	});

	it("reads a legacy 404 body into the error's description", async () => {
		contract.aluma().get('/classifiers/ghost').reply(contract.reply(404, legacyError("The classifier 'ghost' was not found.")));

		const failure = failureOf(await contract.run(classifier('get', { classifier: byName('ghost') })));

		expect(failure).toMatchObject({ name: 'NodeApiError', httpCode: '404', message: 'Aluma has no classifier named "ghost" (parameter "Classifier")' });
		expect(failure.description).toMatch(/^Aluma said: The classifier 'ghost' was not found\. Check the ID or name/);
	});
});

describe('Create', () => {
	it('sends POST /classifiers/{name} with no body', async () => {
		contract.aluma().post('/classifiers/invoices-2026').reply(contract.reply(201, { name: 'invoices-2026' }, { location: '/classifiers/invoices-2026' }));

		const result = await contract.run(classifier('create', { classifierName: 'invoices-2026' }));

		expect(expectSuccess(result)).toEqual([{ name: 'invoices-2026', created: true }]);
		expect(contract.seen[0].body).toHaveLength(0);
		expect(contract.seen[0].headers['content-type']).toBeUndefined();
	});

	it('counts a 201 with no body as created (the answer body is not documented)', async () => {
		contract.aluma().post('/classifiers/invoices-2026').reply(contract.reply(201));

		expect(expectSuccess(await contract.run(classifier('create', { classifierName: 'invoices-2026' })))).toEqual([{ name: 'invoices-2026', created: true }]);
	});

	it('does not resend a create that failed with a gateway error, and says so', async () => {
		contract.aluma().post('/classifiers/invoices-2026').reply(contract.reply(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }));

		const failure = failureOf(await contract.run(classifier('create', { classifierName: 'invoices-2026' })));

		expect(failure).toMatchObject({ name: 'NodeApiError', httpCode: '502', message: 'Aluma had a server error (HTTP 502) when trying to create the classifier "invoices-2026"' });
		expect(contract.seen).toHaveLength(1);
	});

	it('turns the legacy 409 into a NodeApiError that says the name is taken', async () => {
		contract.aluma().post('/classifiers/mailroom').reply(contract.reply(409, legacyError("A classifier named 'mailroom' already exists.")));

		const failure = failureOf(await contract.run(classifier('create', { classifierName: 'mailroom' })));

		expect(failure).toEqual({
			name: 'NodeApiError',
			message: 'Aluma reported a conflict when trying to create the classifier "mailroom"',
			description: "Aluma said: A classifier named 'mailroom' already exists. Something with this name already exists. Choose another name or delete the existing one first",
			httpCode: '409',
			itemIndex: 0,
		});
	});

	it("lists the legacy body's field problems", async () => {
		contract
			.aluma()
			.post('/classifiers/ok-name')
			.reply(contract.reply(400, legacyError('The request is invalid.', { name: ['Names are 1-100 characters: letters, digits, ".", "_" or "-".'] })));

		const failure = failureOf(await contract.run(classifier('create', { classifierName: 'ok-name' })));

		expect(failure.description).toContain('Problems: name: Names are 1-100 characters: letters, digits, ".", "_" or "-".');
	});
});

describe('Upload Trained File', () => {
	it('sends the .clf bytes as application/vnd.waives.classifier+zip with their length', async () => {
		contract.aluma().post('/classifiers/receipts').reply(contract.reply(201, { name: 'receipts', document_types: ['Receipt'] }));

		const result = await contract.run(classifier('upload', { classifierName: 'receipts' }), [fileItem(clf, 'receipts.clf', 'application/octet-stream')]);

		expect(expectSuccess(result)).toEqual([{ name: 'receipts', uploaded: true, document_types: ['Receipt'] }]);
		expect(contract.seen[0].headers['content-type']).toBe('application/vnd.waives.classifier+zip');
		expect(contract.seen[0].headers['content-length']).toBe(String(clf.length));
		expect(contract.seen[0].body.equals(clf)).toBe(true);
	});

	it('counts an empty success answer as uploaded', async () => {
		contract.aluma().post('/classifiers/receipts').reply(contract.reply(200));

		expect(expectSuccess(await contract.run(classifier('upload', { classifierName: 'receipts' }), [fileItem(clf, 'r.clf', 'application/zip')]))).toEqual([
			{ name: 'receipts', uploaded: true },
		]);
	});
});

describe('Train From Zip', () => {
	it('sends the zip to /classifiers/{name}/samples as application/zip', async () => {
		contract.aluma().post('/classifiers/mailroom/samples').reply(contract.reply(200, { name: 'mailroom', samples_added: 2 }));

		const result = await contract.run(classifier('train', { classifier: byName('mailroom') }), [fileItem(samples, 'samples.zip', 'application/zip')]);

		expect(expectSuccess(result)).toEqual([{ classifier: 'mailroom', trained: true, name: 'mailroom', samples_added: 2 }]);
		expect(contract.seen[0].headers).toMatchObject({ 'content-type': 'application/zip', 'content-length': String(samples.length) });
		expect(contract.seen[0].body.equals(samples)).toBe(true);
	});

	it('counts an empty success answer as trained', async () => {
		contract.aluma().post('/classifiers/mailroom/samples').reply(contract.reply(204));

		expect(expectSuccess(await contract.run(classifier('train', { classifier: byName('mailroom') }), [fileItem(samples, 's.zip', 'application/zip')]))).toEqual([
			{ classifier: 'mailroom', trained: true },
		]);
	});
});

describe('Add Sample', () => {
	it('sends the file with its own MIME type to /sample/{document type}, the type percent-encoded', async () => {
		contract.aluma().post('/classifiers/mailroom/sample/Purchase%20Order%20%26%20PO').reply(contract.reply(200, { samples: 10 }));

		const result = await contract.run(classifier('addSample', { classifier: byName('mailroom'), documentType: 'Purchase Order & PO' }), [
			fileItem(pdf, 'po.pdf', 'application/pdf'),
		]);

		expect(expectSuccess(result)).toEqual([{ classifier: 'mailroom', documentType: 'Purchase Order & PO', added: true, fileName: 'po.pdf', samples: 10 }]);
		expect(contract.seen[0].headers).toMatchObject({ 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
		expect(contract.seen[0].body.equals(pdf)).toBe(true);
	});

	it('counts an empty success answer as added', async () => {
		contract.aluma().post('/classifiers/mailroom/sample/Invoice').reply(contract.reply(201));

		expect(
			expectSuccess(await contract.run(classifier('addSample', { classifier: byName('mailroom'), documentType: 'Invoice' }), [fileItem(pdf, 'i.pdf', 'application/pdf')])),
		).toEqual([{ classifier: 'mailroom', documentType: 'Invoice', added: true, fileName: 'i.pdf' }]);
	});
});

describe('Delete', () => {
	it('sends DELETE /classifiers/{name} and accepts 204 or 200', async () => {
		contract.aluma().delete('/classifiers/old').reply(contract.reply(204));
		contract.aluma().delete('/classifiers/older').reply(contract.reply(200, { deleted: true }));

		expect(expectSuccess(await contract.run(classifier('deleteClassifier', { classifier: byName('old') })))).toEqual([{ deleted: true, name: 'old' }]);
		expect(expectSuccess(await contract.run(classifier('deleteClassifier', { classifier: byName('older') })))).toEqual([{ deleted: true, name: 'older' }]);
	});
});
