// Every Document operation in a real n8n, on the real PDF fixtures (test/fixtures/invoice.pdf and
// purchase-order.pdf read from disk by n8n's Read/Write Files node). Two executions:
//   by ID     Create From File, Import From URL, Get, Get Many, Read (text, searchable PDF, zip),
//             Classify, Extract, Redact, Delete — a chain on the document Create made;
//   one step  Read File, Classify File, Extract From File, Redact File, Classify and Extract — each a
//             branch fed both PDFs.
// Binary outputs are moved into the run data as base64 (n8n 2.x keeps binary data on disk) and read
// with the fake's own PDF and zip readers. Afterwards Aluma must hold no document.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { readPdfText } = require('../../fake-aluma/pdf');
const { readZip } = require('../../fake-aluma/zip');
const { withImportHost } = require('../lib/file-server');
const { alumaNode, chain, fixture, graph, readFileNode, toBase64Node } = require('../lib/workflows');

const CRED = 'e2eCredDocs00001';
const CRED_ONE_STEP = 'e2eCredDocs00002';
const WF_BY_ID = 'e2eDocumentsById01';
const WF_ONE_STEP = 'e2eDocumentsOneStep01';
const IMPORT_HOST = 'files.example.com';

const INVOICE_TEXT = ['INVOICE', 'Supplier Name: ACME Supplies Ltd', 'Invoice Number: INV-1001', 'Gross Total: 120.00'];
// typed values: the date as ISO, the totals as numbers
const INVOICE_FIELDS = { 'Invoice Number': 'INV-1001', 'Invoice Date': '2026-11-02', 'Supplier Name': 'ACME Supplies Ltd', 'Gross Total': 120 };
const REDACTED_INVOICE = ['Supplier Name: XXXXXXXXXXXXXXXXX', 'Invoice Number: XXXXXXXX', 'Gross Total: XXXXXX'];
const byName = (value) => ({ __rl: true, mode: 'name', value });
const INVOICE_EXTRACTOR = byName('aluma.invoices.gb');

/** An Aluma Document node; `executeOnce` so a node fed several items still runs once. */
const documentNode = (name, operation, parameters = {}, { credentialId = CRED, executeOnce = false } = {}) => ({
	...alumaNode({ name, credentialId, parameters: { resource: 'document', operation, ...parameters } }),
	executeOnce,
});
const byIdNode = (name, operation, parameters = {}) =>
	documentNode(name, operation, { documentId: "={{ $('Create').first().json.id }}", ...parameters }, { executeOnce: true });
const oneStepNode = (name, operation, parameters) =>
	documentNode(name, operation, { source: 'binary', ...parameters }, { credentialId: CRED_ONE_STEP });

const byIdWorkflow = chain({
	id: WF_BY_ID,
	name: 'every Document operation by ID',
	nodes: [
		readFileNode({ filePath: fixture('invoice.pdf') }),
		documentNode('Create', 'create'),
		documentNode('Import', 'importFromUrl', { url: `https://${IMPORT_HOST}/inbox/purchase-order.pdf` }, { executeOnce: true }),
		byIdNode('Get', 'get'),
		documentNode('Get Many', 'getAll', { returnAll: true }, { executeOnce: true }),
		byIdNode('Read Text', 'read', { readOutput: 'text' }),
		byIdNode('Read PDF', 'read', { readOutput: 'pdf' }),
		toBase64Node({ name: 'PDF Bytes' }),
		byIdNode('Read ZIP', 'read', { readOutput: 'zip', outputBinaryField: 'ocr' }),
		toBase64Node({ name: 'ZIP Bytes', property: 'ocr' }),
		byIdNode('Classify', 'classify', { classifier: byName('mailroom') }),
		byIdNode('Classify Import', 'classify', { documentId: "={{ $('Import').first().json.id }}", classifier: byName('mailroom') }),
		byIdNode('Extract', 'extract', { extractor: INVOICE_EXTRACTOR }),
		byIdNode('Redact', 'redact', { redactFrom: 'extractor', extractor: INVOICE_EXTRACTOR }),
		toBase64Node({ name: 'Redacted Bytes' }),
		byIdNode('Delete', 'deleteDocument'),
		byIdNode('Delete Import', 'deleteDocument', { documentId: "={{ $('Import').first().json.id }}" }),
	],
});

// Read Files reads both PDFs (a glob); each one-step operation is its own branch from it.
const oneStepWorkflow = graph({
	id: WF_ONE_STEP,
	name: 'every one-step Document operation',
	nodes: [
		readFileNode({ name: 'Read Files', filePath: path.join(path.dirname(fixture('invoice.pdf')), '{invoice,purchase-order}.pdf') }),
		oneStepNode('Read File', 'readFile', { readOutput: 'text' }),
		oneStepNode('Classify File', 'classifyFile', { classifier: byName('mailroom') }),
		oneStepNode('Extract From File', 'extractFromFile', { extractor: INVOICE_EXTRACTOR }),
		oneStepNode('Redact File', 'redactFile', { redactFrom: 'extractor', extractor: INVOICE_EXTRACTOR }),
		toBase64Node({ name: 'Redact File Bytes' }),
		oneStepNode('Classify and Extract', 'classifyAndExtract', {
			classifier: byName('mailroom'),
			extractorMapping: {
				mapping: [
					{ documentType: 'Invoice', extractor: 'aluma.invoices.gb' },
					{ documentType: 'Purchase Order', extractor: 'aluma.invoices.gb' },
				],
			},
			alsoRedact: true,
			outputBinaryField: 'redacted',
		}),
		toBase64Node({ name: 'Classify and Extract Bytes', property: 'redacted' }),
	],
	edges: [
		['Start', 'Read Files'],
		['Read Files', 'Read File'],
		['Read Files', 'Classify File'],
		['Read Files', 'Extract From File'],
		['Read Files', 'Redact File'],
		['Redact File', 'Redact File Bytes'],
		['Read Files', 'Classify and Extract'],
		['Classify and Extract', 'Classify and Extract Bytes'],
	],
});

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
const bytesOf = (json, property = 'data') => Buffer.from(String(json[property] ?? ''), 'base64');

/** Text lines of every page of a PDF given as base64 in `json[property]`. */
function pdfLines(t, json, property = 'data') {
	const bytes = bytesOf(json, property);
	t.assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `a PDF in "${property}" (${bytes.length} bytes)`);
	return readPdfText(bytes).pages.flatMap((page) => page.lines);
}

/** Items of each named node, or a failure naming the node that produced none. */
function only(t, execution, name, count = 1) {
	const items = execution.items(name);
	t.assert.equal(items.length, count, `${name}: ${count} item(s), got ${JSON.stringify(items).slice(0, 300)}`);
	return items;
}

function byFile(items) {
	return Object.fromEntries(items.map((item) => [String(item.fileName).replace(/-redacted\.pdf$/, '.pdf'), item]));
}

module.exports = [
	{
		title: 'Document operations by ID on a real PDF: create, import from URL, get, get many, read ×3, classify, extract, redact, delete',
		credentials: [{ id: CRED }],
		workflows: [byIdWorkflow],
		async run(t) {
			const { result: execution, requested } = await withImportHost(t, IMPORT_HOST, () => t.execute(WF_BY_ID));
			t.assert.equal(execution.status, 'success', execution.describe());
			t.assert.deepEqual(requested, ['/inbox/purchase-order.pdf'], 'Aluma downloaded the URL from the file server');

			const invoice = fs.readFileSync(fixture('invoice.pdf'));
			const [created] = only(t, execution, 'Create');
			t.assert.equal(created.fileName, 'invoice.pdf');
			t.assert.equal(created.fileType, 'PDF:Misc');
			t.assert.equal(created.size, invoice.length, 'Aluma got every byte of the PDF');
			t.assert.equal(created.sha256, sha256(invoice));
			const id = created.id;
			const [imported] = only(t, execution, 'Import');
			t.assert.equal(imported.fileName, 'purchase-order.pdf');
			t.assert.equal(imported.sha256, sha256(fs.readFileSync(fixture('purchase-order.pdf'))));
			t.assert.notEqual(imported.id, id);

			const [got] = only(t, execution, 'Get');
			t.assert.deepEqual([got.id, got.fileType, got.size], [id, 'PDF:Misc', invoice.length]);
			const listed = only(t, execution, 'Get Many', 2);
			t.assert.deepEqual(listed.map((doc) => doc.id).sort(), [id, imported.id].sort(), 'Get Many lists both documents');

			const [text] = only(t, execution, 'Read Text');
			t.assert.equal(text.documentId, id);
			for (const line of INVOICE_TEXT) t.assert.ok(String(text.text).split('\n').includes(line), `read text has "${line}"`);

			const [pdf] = only(t, execution, 'Read PDF');
			t.assert.equal(pdf.fileName, `${id}-searchable.pdf`);
			t.assert.equal(execution.binaries('Read PDF')[0].data?.mimeType, 'application/pdf');
			const searchable = pdfLines(t, only(t, execution, 'PDF Bytes')[0]);
			for (const line of INVOICE_TEXT) t.assert.ok(searchable.includes(line), `searchable PDF has "${line}"`);

			const [zip] = only(t, execution, 'Read ZIP');
			t.assert.equal(zip.fileName, `${id}-read.zip`);
			t.assert.equal(execution.binaries('Read ZIP')[0].ocr?.mimeType, 'application/zip');
			const entries = Object.fromEntries(readZip(bytesOf(only(t, execution, 'ZIP Bytes')[0], 'ocr')).map((e) => [e.name, e.data]));
			t.assert.deepEqual(Object.keys(entries).sort(), ['document.json', 'text.txt']);
			const detail = JSON.parse(entries['document.json'].toString('utf8'));
			t.assert.deepEqual([detail.document_id, detail.file_type, detail.page_count], [id, 'PDF:Misc', 1]);
			t.assert.match(entries['text.txt'].toString('utf8'), /Invoice Number: INV-1001/);

			const [classified] = only(t, execution, 'Classify');
			t.assert.deepEqual([classified.documentId, classified.classifier, classified.documentType, classified.isConfident], [id, 'mailroom', 'Invoice', true]);
			t.assert.equal(only(t, execution, 'Classify Import')[0].documentType, 'Purchase Order');

			const [extracted] = only(t, execution, 'Extract');
			t.assert.equal(extracted.extractor, 'aluma.invoices.gb');
			for (const [field, value] of Object.entries(INVOICE_FIELDS)) t.assert.deepEqual(extracted[field], value, `field ${field}`);
			t.assert.deepEqual(extracted['Line Items'].map((row) => row.Description), ['Copier paper A4 (box of 5)', 'Toner cartridge']);

			const [redacted] = only(t, execution, 'Redact');
			t.assert.deepEqual([redacted.fileName, redacted.marks, redacted.applied], [`${id}-redacted.pdf`, 6, true]);
			const redactedLines = pdfLines(t, only(t, execution, 'Redacted Bytes')[0]);
			for (const line of REDACTED_INVOICE) t.assert.ok(redactedLines.includes(line), `redacted PDF has "${line}"`);
			t.assert.ok(!redactedLines.join('\n').includes('INV-1001'), 'the invoice number is gone from the redacted PDF');

			t.assert.deepEqual(only(t, execution, 'Delete')[0], { deleted: true, id, alreadyGone: false });
			t.assert.deepEqual(only(t, execution, 'Delete Import')[0], { deleted: true, id: imported.id, alreadyGone: false });
			const stats = await t.fake.stats();
			t.assert.deepEqual([stats.documentsCreated, stats.documentsDeleted, stats.liveDocuments], [2, 2, 0], 'no document left in Aluma');
			t.note(`execute ${(execution.ms / 1000).toFixed(1)} s, ${stats.requests} API requests`);
		},
	},
	{
		title: 'one-step Document operations on two real PDFs: read file, classify file, extract from file, redact file, classify and extract',
		credentials: [{ id: CRED_ONE_STEP }],
		workflows: [oneStepWorkflow],
		async run(t) {
			const execution = await t.execute(WF_ONE_STEP);
			t.assert.equal(execution.status, 'success', execution.describe());

			const read = byFile(only(t, execution, 'Read File', 2));
			for (const line of INVOICE_TEXT) t.assert.ok(String(read['invoice.pdf'].text).split('\n').includes(line), `read file text has "${line}"`);
			t.assert.match(String(read['purchase-order.pdf'].text), /PO Number: PO-2001/);

			const classified = byFile(only(t, execution, 'Classify File', 2));
			t.assert.equal(classified['invoice.pdf'].documentType, 'Invoice');
			t.assert.equal(classified['purchase-order.pdf'].documentType, 'Purchase Order');

			const extracted = byFile(only(t, execution, 'Extract From File', 2));
			for (const [field, value] of Object.entries(INVOICE_FIELDS)) t.assert.deepEqual(extracted['invoice.pdf'][field], value, `field ${field}`);
			t.assert.equal(extracted['purchase-order.pdf']['Invoice Number'], null, 'a purchase order has no invoice number');

			const redacted = only(t, execution, 'Redact File', 2);
			const invoiceIndex = redacted.findIndex((item) => item.fileName === 'invoice-redacted.pdf');
			t.assert.ok(invoiceIndex >= 0, `invoice-redacted.pdf in ${JSON.stringify(redacted)}`);
			t.assert.deepEqual([redacted[invoiceIndex].marks, redacted[invoiceIndex].applied], [6, true]);
			const redactedLines = pdfLines(t, only(t, execution, 'Redact File Bytes', 2)[invoiceIndex]);
			for (const line of REDACTED_INVOICE) t.assert.ok(redactedLines.includes(line), `redacted file has "${line}"`);

			const both = only(t, execution, 'Classify and Extract', 2);
			const invoiceBoth = both.findIndex((item) => item.fileName === 'invoice.pdf');
			t.assert.ok(invoiceBoth >= 0, `invoice.pdf in ${JSON.stringify(both).slice(0, 300)}`);
			t.assert.deepEqual([both[invoiceBoth].documentType, both[invoiceBoth].extractor, both[invoiceBoth]['Invoice Number']], ['Invoice', 'aluma.invoices.gb', 'INV-1001']);
			t.assert.equal(both[1 - invoiceBoth].documentType, 'Purchase Order');
			t.assert.equal(execution.binaries('Classify and Extract')[invoiceBoth].redacted?.fileName, 'invoice-redacted.pdf');
			const alsoRedacted = pdfLines(t, only(t, execution, 'Classify and Extract Bytes', 2)[invoiceBoth], 'redacted');
			t.assert.ok(alsoRedacted.includes('Invoice Number: XXXXXXXX'), 'classify and extract also redacted the invoice');

			const stats = await t.fake.stats();
			t.assert.deepEqual([stats.documentsCreated, stats.documentsDeleted, stats.liveDocuments], [10, 10, 0], 'every uploaded document deleted again');
			t.note(`execute ${(execution.ms / 1000).toFixed(1)} s, ${stats.requests} API requests`);
		},
	},
];
