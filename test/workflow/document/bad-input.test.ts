/**
 * Bad input to the Document operations in n8n's engine against the fake Aluma server: each is a
 * NodeOperationError that names the parameter and the item, and leaves no document in Aluma. The
 * bad item is the second one, so the item number is checked, not assumed.
 *
 * Run: npx jest test/workflow/document/bad-input.test.ts
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HarnessInputItem } from '../harness';
import { byName, failureOf, fileItem, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { documentParams, withDocuments } from '../../support/documents';

const aluma = useFakeAluma();

const emptyFile = (): HarnessInputItem => ({
	json: {},
	binary: { data: { buffer: Buffer.alloc(0), fileName: 'empty.pdf', mimeType: 'application/pdf' } },
});

/** Runs `parameters` on [a good invoice, `bad`] and returns the failure. */
async function failOnSecondItem(parameters: INodeParameters, bad: HarnessInputItem, binaryMode: 'memory' | 'filesystem' = 'memory') {
	const result = await aluma.run({ parameters, items: [fileItem('invoice.pdf'), bad], binaryMode });
	expect(result.error).toBeInstanceOf(NodeOperationError);
	const failure = failureOf(result);
	expect(failure.itemIndex).toBe(1);
	return failure;
}

const extractFromFile = (parameters: INodeParameters = {}) =>
	documentParams('extractFromFile', { extractor: byName('aluma.invoices.gb'), ...parameters });

describe('missing binary property', () => {
	it('names the parameter, the property, the item and the properties it does have', async () => {
		const failure = await failOnSecondItem(extractFromFile(), fileItem('letter.pdf', { property: 'attachment' }));

		expect(failure.message).toBe('Item 1 has no binary property "data" (parameter "Input Binary Field")');
		expect(failure.description).toBe('This item has the binary properties: attachment. Set "Input Binary Field" to one of them');
	});

	it('says how to get a file when the item has no binary data at all', async () => {
		const failure = await failOnSecondItem(documentParams('readFile'), { json: { note: 'no file' } });

		expect(failure.message).toBe('Item 1 has no binary property "data" (parameter "Input Binary Field")');
		expect(failure.description).toMatch(/^This item has no binary data/);
		expect(aluma.fake.stats().documentsCreated).toBe(1);
	});

	it('stops Create From File at the item without a file, before anything is uploaded', async () => {
		const result = await aluma.run({
			parameters: documentParams('create', { options: { concurrency: 1 } }),
			items: [{ json: {} }, fileItem('invoice.pdf')],
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toMatchObject({
			message: 'Item 0 has no binary property "data" (parameter "Input Binary Field")',
			itemIndex: 0,
		});
		expect(aluma.fake.stats().documentsCreated).toBe(0);
	});
});

describe('empty file', () => {
	it.each(['memory', 'filesystem'] as const)('refuses an empty file before uploading it (%s binary mode)', async (binaryMode) => {
		const failure = await failOnSecondItem(documentParams('classifyFile', { classifier: byName('mailroom') }), emptyFile(), binaryMode);

		expect(failure.message).toBe('The file in binary property "data" of item 1 is empty (parameter "Input Binary Field")');
		expect(aluma.fake.stats().documentsCreated).toBe(1);
	});
});

describe('unsupported URL', () => {
	it('refuses an unsupported URL scheme before any request for that item', async () => {
		const failure = await failOnSecondItem(
			extractFromFile({ source: '={{ $json.url ? "url" : "binary" }}', url: '={{ $json.url }}' }),
			{ json: { url: 'ftp://files.example.com/invoice.pdf' } },
		);

		expect(failure.message).toBe('The URL scheme "ftp" is not supported (parameter "URL")');
		expect(aluma.fake.stats().documentsCreated).toBe(1);
	});

	it('refuses a private address before any request for that item', async () => {
		const failure = await failOnSecondItem(
			documentParams('readFile', { source: '={{ $json.url ? "url" : "binary" }}', url: '={{ $json.url }}' }),
			{ json: { url: 'http://192.168.1.1/scan.pdf' } },
		);

		expect(failure.message).toBe('The URL points at a local or private address (192.168.1.1) (parameter "URL")');
	});
});

describe('unknown classifier or extractor', () => {
	it('names the Classifier parameter when Aluma has no such classifier', async () => {
		const failure = await failOnSecondItem(
			documentParams('classifyFile', { classifier: byName('={{ $json.file === "letter.pdf" ? "no-such-classifier" : "mailroom" }}') }),
			fileItem('letter.pdf'),
		);

		expect(failure.message).toBe('Aluma has no classifier named "no-such-classifier" (parameter "Classifier")');
	});

	it('names the Extractor parameter when Aluma has no such extractor', async () => {
		const failure = await failOnSecondItem(
			extractFromFile({ extractor: byName('={{ $json.file === "letter.pdf" ? "no-such-extractor" : "aluma.invoices.gb" }}') }),
			fileItem('letter.pdf'),
		);

		expect(failure.message).toBe('Aluma has no extractor named "no-such-extractor" (parameter "Extractor")');
	});

	it('names the Extractor parameter of Classify and Extract', async () => {
		const failure = await failOnSecondItem(
			documentParams('classifyAndExtract', {
				classifier: byName('mailroom'),
				extractorMapping: {
					mapping: [
						{ documentType: 'Invoice', extractor: 'aluma.invoices.gb' },
						{ documentType: 'Letter', extractor: 'letters-v2' },
					],
				},
			}),
			fileItem('letter.pdf'),
		);

		expect(failure.message).toBe('Aluma has no extractor named "letters-v2" (parameter "Extractor per Document Type")');
	});

	it('names the fallback extractor parameter of Classify and Extract', async () => {
		const failure = await failOnSecondItem(
			documentParams('classifyAndExtract', {
				classifier: byName('mailroom'),
				extractorMapping: { mapping: [{ documentType: 'Invoice', extractor: 'aluma.invoices.gb' }] },
				fallbackExtractor: 'everything-else',
			}),
			fileItem('letter.pdf'),
		);

		expect(failure.message).toBe('Aluma has no extractor named "everything-else" (parameter "Fallback Extractor")');
	});

	it('names the Extractor parameter of Redact', async () => {
		await withDocuments(aluma, ['invoice.pdf', 'letter.pdf'], async (ids) => {
			const result = await aluma.run({
				parameters: documentParams('redact', {
					documentId: '={{ $json.id }}',
					redactFrom: 'extractor',
					extractor: byName('={{ $itemIndex === 1 ? "nope" : "aluma.invoices.gb" }}'),
				}),
				items: ids.map((id) => ({ json: { id } })),
			});

			const failure = failureOf(result);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(failure.message).toBe('Aluma has no extractor named "nope" (parameter "Extractor")');
			expect(failure.itemIndex).toBe(1);
		});
	});

	it.each([
		['classify', { classifier: byName('mailroom') }],
		['extract', { extractor: byName('aluma.invoices.gb') }],
		['redact', { redactFrom: 'extractor', extractor: byName('aluma.invoices.gb') }],
	])('%s still reports the missing document, naming "Document ID", when the Document ID is what is wrong', async (operation, parameters) => {
		const result = await aluma.run({ parameters: documentParams(operation, { documentId: 'expired-doc', ...parameters }) });

		const failure = failureOf(result);
		expect(failure.httpCode).toBe('404');
		expect(failure.message).toBe('No Aluma document has the ID "expired-doc" (parameter "Document ID")');
		expect(failure.itemIndex).toBe(0);
	});

	it('refuses an empty classifier, naming the parameter', async () => {
		const failure = await failOnSecondItem(
			documentParams('classifyFile', { classifier: byName('={{ $json.file === "letter.pdf" ? "" : "mailroom" }}') }),
			fileItem('letter.pdf'),
		);

		expect(failure.message).toBe('No classifier chosen (parameter "Classifier")');
	});
});

describe('redaction of a file that is not a PDF or TIFF', () => {
	it('refuses a PNG before uploading it', async () => {
		const failure = await failOnSecondItem(
			documentParams('redactFile', { redactFrom: 'extractor', extractor: byName('aluma.invoices.gb') }),
			fileItem('photo.png'),
		);

		expect(failure.message).toBe('Aluma can only redact PDF and TIFF documents; the content of "photo.png" is neither (its MIME type says image/png)');
		expect(failure.description).toBe('Convert the file to PDF first, or send a PDF or TIFF file');
		expect(aluma.fake.stats().documentsCreated).toBe(1);
	});
});
