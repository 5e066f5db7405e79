/**
 * Document operations at scale in n8n's engine against the fake Aluma server: input order and
 * pairedItem when items finish out of order, how many Aluma documents are held at once, waiting for
 * a slot when Aluma's document cap is reached, failures under concurrency, and files streamed from
 * n8n's filesystem binary mode.
 *
 * Run: npx jest test/workflow/document/scale.test.ts
 */
import { BinaryDataService } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';

import { SIGNATURE_BYTES } from '../../../nodes/Aluma/helpers/documentOutput';
import { timers } from '../../support/node';
import { apiCalls, byName, expectSuccess, failureOf, fileItem, fixture, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { documentParams } from '../../support/documents';

const aluma = useFakeAluma();

const MIXED = ['invoice.pdf', 'letter.pdf', 'purchase-order.pdf', 'notes.txt'];
const EXPECTED_TYPE: Record<string, string> = {
	'invoice.pdf': 'Invoice',
	'letter.pdf': 'Letter',
	'purchase-order.pdf': 'Purchase Order',
	'notes.txt': 'Letter',
};

const mixedItems = (count: number) => Array.from({ length: count }, (_, index) => fileItem(MIXED[index % MIXED.length], { json: { index } }));

const classifyFile = (concurrency?: number, parameters: INodeParameters = {}): INodeParameters =>
	documentParams('classifyFile', {
		classifier: byName('mailroom'),
		options: concurrency === undefined ? {} : { concurrency },
		...parameters,
	});

afterEach(() => {
	jest.restoreAllMocks();
});

describe('input order under concurrency', () => {
	it('returns results in input order, each paired with its item, when items finish out of order', async () => {
		// The first classification is answered 503 with Retry-After, so that item finishes last.
		aluma.fake.injectFault({ kind: 'status', status: 503, retryAfter: '0.3', path: '/classify/', times: 1 });

		const result = await aluma.run({ parameters: classifyFile(4), items: mixedItems(8) });

		const output = expectSuccess(result);
		expect(output.map((item) => [item.json.fileName, item.json.documentType, item.pairedItem])).toEqual(
			Array.from({ length: 8 }, (_, index) => [MIXED[index % 4], EXPECTED_TYPE[MIXED[index % 4]], { item: index }]),
		);
		// The output no longer names the deleted documents: follow them by their requests.
		const idOf = (call: { path: string }) => call.path.split('/')[2];
		const classified = [...new Set(apiCalls(aluma.fake).filter((call) => call.path.includes('/classify/')).map(idOf))];
		const deleted = apiCalls(aluma.fake).filter((call) => call.method === 'DELETE').map(idOf);
		expect([...deleted].sort()).toEqual([...classified].sort());
		expect(classified).toHaveLength(8);
		expect(deleted).not.toEqual(classified);
		expect(aluma.fake.stats().faultsApplied).toBe(1);
	});

	it('puts error items in the place of the failed items with Continue On Fail', async () => {
		const items = mixedItems(6);
		items[1] = { json: { index: 1 } };
		items[4] = { json: { index: 4 } };

		const result = await aluma.run({ parameters: classifyFile(3), items, continueOnFail: true });

		const output = expectSuccess(result);
		expect(output.map((item) => [item.json.error ? 'error' : item.json.documentType, item.pairedItem])).toEqual([
			['Invoice', { item: 0 }],
			['error', { item: 1 }],
			['Purchase Order', { item: 2 }],
			['Letter', { item: 3 }],
			['error', { item: 4 }],
			['Letter', { item: 5 }],
		]);
		expect(output[4].json.error).toBe('Item 4 has no binary property "data" (parameter "Input Binary Field")');
	});
});

describe('documents held at once', () => {
	it('never holds more Aluma documents than the concurrency', async () => {
		aluma.fake.setConfig({ latencyMs: 25 });

		const result = await aluma.run({ parameters: classifyFile(3), items: mixedItems(12) });

		expect(expectSuccess(result)).toHaveLength(12);
		const stats = aluma.fake.stats();
		expect(stats.peakLiveDocuments).toBeLessThanOrEqual(3);
		expect(stats.peakLiveDocuments).toBeGreaterThan(1);
		expect(stats.peakInFlightProcessing).toBeLessThanOrEqual(3);
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([12, 12]);
	});

	it('holds at most 5 documents with the default concurrency', async () => {
		aluma.fake.setConfig({ latencyMs: 25 });

		const result = await aluma.run({
			parameters: documentParams('extractFromFile', { extractor: byName('aluma.invoices.gb') }),
			items: mixedItems(10),
		});

		expect(expectSuccess(result)).toHaveLength(10);
		expect(aluma.fake.stats().peakLiveDocuments).toBeLessThanOrEqual(5);
		expect(aluma.fake.stats().peakLiveDocuments).toBeGreaterThan(1);
	});
});

describe("Aluma's document cap", () => {
	it('waits for a free slot when the cap is reached, and every item succeeds', async () => {
		aluma.fake.setConfig({ documentCap: 2, latencyMs: 150 });

		const result = await aluma.run({ parameters: classifyFile(4), items: mixedItems(6) });

		expect(expectSuccess(result).map((item) => item.json.documentType)).toEqual(mixedItems(6).map((item) => EXPECTED_TYPE[String(item.json.file)]));
		const stats = aluma.fake.stats();
		expect(stats.peakLiveDocuments).toBe(2);
		expect(stats.documentsCreated).toBe(6);
		const refused = apiCalls(aluma.fake).filter((call) => call.route === 'POST /documents' && call.status === 403);
		expect(refused.length).toBeGreaterThan(0);
		expect(result.logs.some((entry) => entry.message.includes('document allowance full'))).toBe(true);
	});

	it('waits for a slot in Create From File too', async () => {
		aluma.fake.setConfig({ documentCap: 2, latencyMs: 0 });
		// Hold both slots until the run below has been refused once, then free them.
		const created = await aluma.run({ parameters: documentParams('create'), items: [fileItem('letter.pdf'), fileItem('notes.txt')] });
		const heldIds = expectSuccess(created).map((item) => String(item.json.id));
		const freeSlots = async () => {
			while (!apiCalls(aluma.fake).some((call) => call.route === 'POST /documents' && call.status === 403)) {
				await timers.setTimeout(20);
			}
			await aluma.run({
				parameters: documentParams('deleteDocument', { documentId: '={{ $json.id }}' }),
				items: heldIds.map((id) => ({ json: { id } })),
			});
		};

		const [result] = await Promise.all([
			aluma.run({ parameters: documentParams('create'), items: [fileItem('invoice.pdf')] }),
			freeSlots(),
		]);

		const [item] = expectSuccess(result);
		expect(item.json).toMatchObject({ fileName: 'invoice.pdf', fileType: 'PDF:Misc' });
		await aluma.run({ parameters: documentParams('deleteDocument', { documentId: String(item.json.id) }) });
	});
});

describe('failures under concurrency', () => {
	it('fails the run at the first failed item and still deletes the documents of the items running with it', async () => {
		aluma.fake.setConfig({ latencyMs: 50 });
		const items = mixedItems(6);
		items[2] = { json: { index: 2 } };

		const result = await aluma.run({ parameters: classifyFile(3), items });

		expect(failureOf(result)).toMatchObject({ itemIndex: 2, message: 'Item 2 has no binary property "data" (parameter "Input Binary Field")' });
		const stats = aluma.fake.stats();
		expect(stats.documentsCreated).toBeGreaterThan(0);
		expect(stats.documentsDeleted).toBe(stats.documentsCreated);
		// No item was started after the failure.
		expect(stats.documentsCreated).toBeLessThan(5);
	});
});

describe('filesystem binary mode', () => {
	const ONE_STEP: Array<[string, INodeParameters]> = [
		['Read File', documentParams('readFile', { readOutput: 'pdf' })],
		['Classify File', documentParams('classifyFile', { classifier: byName('mailroom') })],
		['Extract From File', documentParams('extractFromFile', { extractor: byName('aluma.invoices.gb') })],
		['Redact File', documentParams('redactFile', { redactFrom: 'extractor', extractor: byName('aluma.invoices.gb') })],
		['Classify and Extract', documentParams('classifyAndExtract', { classifier: byName('mailroom'), fallbackExtractor: 'aluma.invoices.gb' })],
		['Create From File', documentParams('create')],
	];

	it.each(ONE_STEP)('%s streams each file from disk instead of loading it into memory', async (operation, parameters) => {
		const stream = jest.spyOn(BinaryDataService.prototype, 'getAsStream');
		const buffer = jest.spyOn(BinaryDataService.prototype, 'getAsBuffer');
		const names = ['invoice.pdf', 'scan.tiff'];

		const result = await aluma.run({ parameters, items: names.map((name) => fileItem(name)), binaryMode: 'filesystem' });

		const output = expectSuccess(result);
		// Redact File first reads each file's signature: a stream of one 1 KiB chunk, not the whole file.
		const signatureReads = operation === 'Redact File' ? names.length : 0;
		expect(stream).toHaveBeenCalledTimes(names.length + signatureReads);
		expect(stream.mock.calls.filter(([, chunkSize]) => chunkSize === SIGNATURE_BYTES)).toHaveLength(signatureReads);
		expect(stream.mock.calls.every(([id]) => /^filesystem-v2:/.test(id))).toBe(true);
		expect(buffer).not.toHaveBeenCalled();
		const uploads = apiCalls(aluma.fake).filter((call) => call.route === 'POST /documents');
		expect(uploads.map((call) => [call.contentType, call.bodyBytes]).sort()).toEqual(
			[
				['application/pdf', fixture('invoice.pdf').length],
				['image/tiff', fixture('scan.tiff').length],
			].sort(),
		);
		if (operation === 'Create From File') {
			await aluma.run({
				parameters: documentParams('deleteDocument', { documentId: '={{ $json.id }}' }),
				items: output.map((item) => ({ json: { id: item.json.id } })),
			});
		}
	});

	it('reads the file from memory in memory binary mode', async () => {
		const stream = jest.spyOn(BinaryDataService.prototype, 'getAsStream');

		expectSuccess(await aluma.run({ parameters: classifyFile(2), items: mixedItems(2), binaryMode: 'memory' }));

		expect(stream).not.toHaveBeenCalled();
	});

	it('streams the whole file again when an upload is resent after a revoked token', async () => {
		expectSuccess(await aluma.run({ parameters: { resource: 'apiRequest', operation: 'send', method: 'GET', path: '/classifiers' } }));
		aluma.fake.revokeAllTokens();
		const stream = jest.spyOn(BinaryDataService.prototype, 'getAsStream');
		const from = aluma.fake.requests().length;

		const result = await aluma.run({ parameters: classifyFile(1), items: [fileItem('invoice.pdf')], binaryMode: 'filesystem' });

		expect(expectSuccess(result)[0].json).toMatchObject({ fileType: 'PDF:Misc', documentType: 'Invoice' });
		expect(stream).toHaveBeenCalledTimes(2);
		const size = fixture('invoice.pdf').length;
		expect(apiCalls(aluma.fake, from).filter((call) => call.route === 'POST /documents').map((call) => [call.status, call.bodyBytes])).toEqual([
			[401, size],
			[201, size],
		]);
	});
});
