/**
 * Bad input: missing or wrong binary data, empty and oversized files, a misleading MIME type,
 * import URLs that Aluma cannot or must not fetch, unknown models/projects/tasks, awkward task
 * tags, API Request paths that try to leave the Aluma host, and a plain-http Base URL. Each must
 * end in the node's own error (NodeOperationError before any request, or NodeApiError when Aluma
 * refused) that says which parameter and item, and how to fix it — never a crash or an
 * "undefined" — and nothing may be left on Aluma.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	AlumaApi,
	CREDENTIAL_ID,
	ROUTE,
	apiRequest,
	byName,
	classifyFile,
	errorItems,
	expectEveryItem,
	expectNodeError,
	expectReadable,
	fileItem,
	fixture,
	invoices,
	outcome,
	reliabilitySuite,
	storeAt,
	testCredential,
} from '../support/reliability';
import type { NodeWorkflowResult } from '../support/reliability';

const { env, scenario, runAluma, requestsTo } = reliabilitySuite();

/** Every item is an error item whose message matches `message(i)` and that has a readable fix. */
function expectErrorPerItem(result: NodeWorkflowResult, count: number, message: (index: number) => RegExp, fix: RegExp): IDataObject[] {
	expect(result.status).toBe('success');
	const out = expectEveryItem(result, count);
	expect(errorItems(result).map((entry) => entry.index)).toEqual(Array.from({ length: count }, (_, i) => i));
	out.forEach((item, index) => {
		expectReadable(item.json.error);
		expectReadable(item.json.description);
		expect(item.json.error).toMatch(message(index));
		expect(item.json.description).toMatch(fix);
	});
	return out.map((item) => item.json);
}

describe('binary input', () => {
	it('a binary property that does not exist → names the parameter, the item and the properties there are; no request', async () => {
		const s = scenario('wrong binary property name');
		const result = await runAluma({
			parameters: classifyFile({}, { binaryPropertyName: 'attachment' }),
			items: invoices(2),
		});
		const m = s.finish(outcome(result, 'refused before upload'), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 0,
			message: /^Item 0 has no binary property "attachment" \(parameter "Input Binary Field"\)$/,
			fix: /binary properties: data\. Set "Input Binary Field" to one of them/,
		});
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('item 1 of 3 has no binary data (continueOnFail) → that item is an error item, the others are processed', async () => {
		const s = scenario('one item without binary data, continueOnFail');
		const items = invoices(3);
		items[1] = { json: { n: 1 } };
		const result = await runAluma({ parameters: classifyFile(), items, continueOnFail: true });
		const m = s.finish(outcome(result, 'item 1 refused before upload'), [result]);

		const out = expectEveryItem(result, 3);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([1]);
		expect(out[1].json.error).toBe('Item 1 has no binary property "data" (parameter "Input Binary Field")');
		expect(out[1].json.description).toMatch(/no binary data\. Add a node before this one/);
		expect([out[0].json.documentType, out[2].json.documentType]).toEqual(['Invoice', 'Invoice']);
		expect(m.byRoute[ROUTE.create]).toBe(2);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('an empty "Input Binary Field" → says the parameter is empty; no request', async () => {
		const s = scenario('empty Input Binary Field');
		const result = await runAluma({ parameters: classifyFile({}, { binaryPropertyName: '  ' }), items: invoices(1) });
		const m = s.finish(outcome(result, 'refused before upload'), [result]);

		expectNodeError(result, { kind: 'operation', itemIndex: 0, message: /^The parameter "Input Binary Field" is empty$/, fix: /name of the binary property/ });
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('an empty file (item 2) → names the property and the item; no upload', async () => {
		const s = scenario('empty file');
		const items = invoices(3);
		items[2] = fileItem(Buffer.alloc(0), { json: { n: 2 } });
		const result = await runAluma({ parameters: classifyFile(), items });
		const m = s.finish(outcome(result, 'refused before upload'), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 2,
			message: /^The file in binary property "data" of item 2 is empty \(parameter "Input Binary Field"\)$/,
			fix: /Aluma cannot process an empty file/,
		});
		expect(m.byRoute[ROUTE.create]).toBe(2);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('a file beyond Aluma\'s limit → 413 as a readable error for that item, not resent, nothing created', async () => {
		const s = scenario('file beyond the size limit (413)');
		env().fake.setConfig({ maxFileBytes: 100_000 });
		const big = Buffer.concat([fixture('invoice.pdf'), Buffer.alloc(150_000, 0x20)]);
		const items = [...invoices(1), fileItem(big, { fileName: 'big-scan.pdf', json: { n: 1 } })];
		const result = await runAluma({ parameters: classifyFile(), items, continueOnFail: true });
		const m = s.finish(outcome(result, 'refused by Aluma'), [result]);

		const out = expectEveryItem(result, 2);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([1]);
		expect(out[1].json).toMatchObject({ error: 'The file is too large for Aluma', httpCode: '413' });
		expect(out[1].json.description).toMatch(/larger than the maximum of 100000 bytes.*Split the document or reduce its size/);
		expect(requestsTo(ROUTE.create).map((entry) => entry.status)).toEqual([201, 413]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('a PDF labelled application/json or text/plain → sent as bytes (not mistaken for a URL import), classified from its content', async () => {
		const s = scenario('PDF labelled application/json / text/plain');
		const items = [
			fileItem(fixture('invoice.pdf'), { mimeType: 'application/json', fileName: 'invoice.json' }),
			fileItem(fixture('invoice.pdf'), { mimeType: 'text/plain', fileName: 'invoice.txt' }),
		];
		const result = await runAluma({ parameters: classifyFile(), items });
		const m = s.finish(outcome(result, 'JSON label sent as octet-stream'), [result]);

		expect(result.status).toBe('success');
		expect(expectEveryItem(result, 2).map((item) => item.json.documentType)).toEqual(['Invoice', 'Invoice']);
		expect(requestsTo(ROUTE.create).map((entry) => [entry.contentType, entry.status])).toEqual([
			['application/octet-stream', 201],
			['text/plain', 201],
		]);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('Redact File decides by the bytes: a real PDF labelled application/octet-stream is redacted; a PNG labelled application/pdf is refused before upload', async () => {
		const s = scenario('Redact File: PDF labelled octet-stream, PNG labelled application/pdf');
		const parameters: INodeParameters = {
			resource: 'document',
			operation: 'redactFile',
			source: 'binary',
			binaryPropertyName: 'data',
			redactFrom: 'extractor',
			extractor: byName('aluma.invoices.gb'),
			options: {},
		};
		const pdf = await runAluma({ parameters, items: [fileItem(fixture('invoice.pdf'), { mimeType: 'application/octet-stream' })] });
		const afterPdf = env().fake.stats().requests;
		const png = await runAluma({
			parameters,
			items: [fileItem(fixture('photo.png'), { fileName: 'photo.png', mimeType: 'application/pdf' })],
			binaryMode: 'filesystem',
		});
		const m = s.finish(`${outcome(pdf, 'octet-stream PDF')}; ${outcome(png, 'PNG labelled PDF')}`, [pdf, png]);

		expect(pdf.status).toBe('success');
		expect(expectEveryItem(pdf, 1)[0].json).toMatchObject({ fileType: 'PDF:Misc', marks: 6, applied: true });
		expectNodeError(png, {
			kind: 'operation',
			itemIndex: 0,
			message: /^Aluma can only redact PDF and TIFF documents; the content of "photo\.png" is neither \(its MIME type says application\/pdf\)$/,
			fix: /Convert the file to PDF first/,
		});
		expect(m.requests - afterPdf).toBe(0);
		expect(m.byRoute['POST /documents/:id/redact']).toBe(1);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('Aluma refuses the content type (415) → readable error that says to fix the MIME type', async () => {
		const s = scenario('content type refused (415)');
		env().fake.injectFault({ kind: 'status', status: 415, path: '^/documents$', body: { message: "The content type 'image/x-unknown' is not supported." } });
		const result = await runAluma({ parameters: classifyFile(), items: [fileItem(fixture('invoice.pdf'), { mimeType: 'image/x-unknown' })] });
		const m = s.finish(outcome(result, 'refused by Aluma'), [result]);

		expectNodeError(result, { kind: 'api', itemIndex: 0, message: /^Aluma does not accept this content type when trying to create the document$/, fix: /not supported.*Check the MIME type of the binary data/ });
		expect(m.byRoute[ROUTE.create]).toBe(1);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('import URLs', () => {
	const urlItems = (urls: string[]) => urls.map((url, n) => ({ json: { n, url } }));
	const fromUrl = classifyFile({}, { source: 'url', url: '={{ $json.url }}' });

	it('unsupported schemes → refused per item before any request, naming the URL parameter', async () => {
		const s = scenario('import URL with unsupported scheme (×5)');
		const urls = ['ftp://files.example.com/invoice.pdf', 'file:///etc/passwd', 'javascript:alert(1)', 'data:application/pdf;base64,JVBERi0=', 'gopher://example.com/1'];
		const result = await runAluma({ parameters: fromUrl, items: urlItems(urls), continueOnFail: true });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		const schemes = ['ftp', 'file', 'javascript', 'data', 'gopher'];
		expectErrorPerItem(result, urls.length, (i) => new RegExp(`^The URL scheme "${schemes[i]}" is not supported \\(parameter "URL"\\)$`), /only import documents from http or https URLs/);
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('loopback, private and link-local addresses (in every spelling) → refused per item before any request', async () => {
		const s = scenario('import URL to loopback/private ranges (×17)');
		const urls = [
			'http://127.0.0.1:8080/invoice.pdf',
			'http://localhost/invoice.pdf',
			'http://LOCALHOST:3000/x.pdf',
			'http://localhost./x.pdf',
			'http://api.localhost/x.pdf',
			'http://10.1.2.3/x.pdf',
			'http://172.16.5.4/x.pdf',
			'http://192.168.0.10/x.pdf',
			'http://169.254.169.254/latest/meta-data/',
			'http://100.64.0.1/x.pdf',
			'http://0.0.0.0/x.pdf',
			'http://2130706433/x.pdf',
			'http://0x7f000001/x.pdf',
			'http://127.1/x.pdf',
			'http://[::1]/x.pdf',
			'http://[fd00::1]/x.pdf',
			'http://[::ffff:127.0.0.1]/x.pdf',
		];
		// The "Import From URL" operation (the one-step operations share its check).
		const importFromUrl = { resource: 'document', operation: 'importFromUrl', url: '={{ $json.url }}' };
		const result = await runAluma({ parameters: importFromUrl, items: urlItems(urls), continueOnFail: true });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		expectErrorPerItem(result, urls.length, () => /^The URL points at a local or private address \(.+\) \(parameter "URL"\)$/, /cannot reach it\. Send the file itself/);
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('text that is not a URL → refused, naming the parameter', async () => {
		const s = scenario('import URL that is not a URL');
		const result = await runAluma({ parameters: fromUrl, items: urlItems(['invoice.pdf', '']), continueOnFail: true });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		expectErrorPerItem(result, 2, () => /is not a valid URL \(parameter "URL"\)$/, /Enter a full URL/);
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('a public URL Aluma cannot download (host refuses) → says Aluma could not import it, not that n8n lost its connection', async () => {
		const s = scenario('import URL Aluma cannot download');
		// Nothing listens on port 1: the fake's download is refused.
		env().fake.setConfig({ importHosts: { 'files.example.com': 'http://127.0.0.1:1' } });
		const result = await runAluma({
			parameters: fromUrl,
			items: urlItems(['https://files.example.com/invoice.pdf']),
			continueOnFail: true,
		});
		const m = s.finish(outcome(result, 'Aluma answered 422'), [result]);

		expectErrorPerItem(result, 1, () => /^Aluma could not process the request to import the document from the URL/, /Downloading https:\/\/files\.example\.com\/invoice\.pdf failed/);
		expect(m.byRoute[ROUTE.create]).toBe(1);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('unknown models, projects and tasks', () => {
	it('unknown classifier at item 1 (continueOnFail) → names the parameter; that document is deleted too', async () => {
		const s = scenario('unknown classifier, continueOnFail');
		const result = await runAluma({
			parameters: classifyFile({}, { classifier: byName("={{ $json.n === 1 ? 'no-such-classifier' : 'mailroom' }}") }),
			items: invoices(3),
			continueOnFail: true,
		});
		const m = s.finish(outcome(result, 'Aluma answered 404'), [result]);

		const out = expectEveryItem(result, 3);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([1]);
		expect(out[1].json).toEqual({
			error: 'Aluma has no classifier named "no-such-classifier" (parameter "Classifier")',
			description: 'Pick the classifier from the list, or check the spelling of its name',
		});
		expect(m.byRoute[ROUTE.delete]).toBe(3);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('unknown extractor → names the parameter; the document is deleted', async () => {
		const s = scenario('unknown extractor');
		const result = await runAluma({
			parameters: { resource: 'document', operation: 'extractFromFile', source: 'binary', binaryPropertyName: 'data', extractor: byName('no.such.extractor'), options: {} },
			items: invoices(1),
		});
		const m = s.finish(outcome(result, 'Aluma answered 404'), [result]);

		expectNodeError(result, { kind: 'operation', itemIndex: 0, message: /^Aluma has no extractor named "no\.such\.extractor" \(parameter "Extractor"\)$/, fix: /Pick the extractor/ });
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('unknown project (create a task) → says no project has that ID, for the item', async () => {
		const s = scenario('unknown project id');
		const result = await runAluma({
			parameters: { resource: 'task', operation: 'create', project: { __rl: true, mode: 'id', value: 'no-such-project' }, binaryPropertyName: 'data', tags: {} },
			items: invoices(1),
		});
		const m = s.finish(outcome(result, 'Aluma answered 404'), [result]);

		expectNodeError(result, { kind: 'api', itemIndex: 0, message: /^No Aluma project has the ID "no-such-project" \(parameter "Project"\)$/, fix: /no project with id 'no-such-project'.*Check the ID/ });
		expect(m.byRoute['POST /tasks']).toBe(1);
		expect(m.secretHits).toBe(0);
	});

	it('unknown task ID → says no task has that ID, for the item', async () => {
		const s = scenario('unknown task id');
		const result = await runAluma({ parameters: { resource: 'task', operation: 'get', taskId: 'no-such-task' } });
		const m = s.finish(outcome(result, 'Aluma answered 404'), [result]);

		expectNodeError(result, { kind: 'api', itemIndex: 0, message: /^No Aluma task has the ID "no-such-task" \(parameter "Task ID"\)$/, fix: /no task with id 'no-such-task'.*Check the ID/ });
		expect(m.secretHits).toBe(0);
	});
	it.each([
		['get', {}, { [ROUTE.getDocument]: 1 }],
		['read', { readOutput: 'text', options: {} }, { 'PUT /documents/:id/reads': 1 }],
		// The classify 404 could mean the classifier: one look at the document settles it.
		['classify', { classifier: byName('mailroom'), options: {} }, { [ROUTE.classify]: 1, [ROUTE.getDocument]: 1 }],
	])('unknown document ID (%s) → says no document has that ID, naming "Document ID", for the item', async (operation, extra, routes) => {
		const s = scenario(`unknown document id (${operation})`);
		const result = await runAluma({ parameters: { resource: 'document', operation, documentId: 'no-such-document', ...extra } });
		const m = s.finish(outcome(result, 'Aluma answered 404'), [result]);

		expectNodeError(result, { kind: 'api', itemIndex: 0, message: /^No Aluma document has the ID "no-such-document" \(parameter "Document ID"\)$/, fix: /Check the ID/ });
		expect(m.byRoute).toEqual({ [ROUTE.token]: 1, ...routes });
		expect(m.secretHits).toBe(0);
	});
});

describe('extractor module arguments', () => {
	const invoiceType = (debitNotes: string): INodeParameters => ({
		resource: 'extractor',
		operation: 'create',
		extractorName: '={{ "invoices-" + $itemIndex }}',
		defineWith: 'modules',
		modules: { module: [{ id: 'aluma.invoice_type', arguments: { argument: [{ name: 'receiving_country', value: 'Germany' }, { name: 'allow_debit_notes', value: debitNotes }] } }] },
	});

	it('a boolean argument typed as text goes as the boolean its module declares; "yes" is refused before anything is created', async () => {
		const s = scenario('Create From Modules: boolean argument "true" / "yes"');
		const typed = await runAluma({ parameters: invoiceType('true') });
		const refused = await runAluma({ parameters: invoiceType('yes') });
		const m = s.finish(`${outcome(typed, '"true"')}; ${outcome(refused, '"yes"')}`, [typed, refused]);

		expect(typed.status).toBe('success');
		expect(env().fake.state.extractors.get('invoices-0')?.modules).toEqual([{ id: 'aluma.invoice_type', arguments: { receiving_country: 'Germany', allow_debit_notes: true } }]);
		expectNodeError(refused, {
			kind: 'operation',
			itemIndex: 0,
			message: /^Module 1 \(aluma\.invoice_type\): the argument "allow_debit_notes" must be true or false \(got "yes"\) \(parameter "Modules"\)$/,
			fix: /declares "allow_debit_notes" as boolean/,
		});
		expect(m.byRoute['GET /modules']).toBe(2);
		expect(m.byRoute['POST /extractors/:name']).toBe(1);
		expect(m.secretHits).toBe(0);
	});
});

describe('task tags with &, =, line breaks and non-ASCII text', () => {
	it('arrive at Aluma exactly as typed, each tag intact', async () => {
		const s = scenario('task tags with & = \\n and non-ASCII');
		const tags = {
			taskName: 'Rechnung Nr. 7 & 8 = ok?\nZeile 2 — Größe 請求書 🧾',
			fileName: 'a&b=c.pdf',
			filePath: 'C:\\inbox\\a=b&c\r\nX-Injected: yes',
		};
		const result = await runAluma({
			parameters: { resource: 'task', operation: 'create', project: { __rl: true, mode: 'id', value: 'invoices-project-seed1' }, binaryPropertyName: 'data', tags },
			items: invoices(1),
		});
		const m = s.finish(outcome(result, 'tags percent-encoded in X-Aluma-Tags'), [result]);

		expect(result.status).toBe('success');
		const task = expectEveryItem(result, 1)[0].json;
		const stored = (env().fake.state.tasks.get(String(task.id)) as { tags: Record<string, string> }).tags;
		expect(stored).toEqual({ task_name: tags.taskName, file_name: tags.fileName, file_path: tags.filePath });
		expect(task.name).toBe(tags.taskName);
		expect(m.byRoute['POST /tasks']).toBe(1);
		expect(m.secretHits).toBe(0);
	});
});

describe('API Request: the path stays on the Aluma host', () => {
	it('absolute URLs, protocol-relative paths and dot segments (plain, encoded, backslashes) → refused per item, no request anywhere', async () => {
		const s = scenario('API Request path leaving the host (×10)');
		const { other } = env();
		const otherHost = new URL(other.url).host;
		const paths = [
			`${other.url}/classifiers`,
			`//${otherHost}/classifiers`,
			`\\\\${otherHost}\\classifiers`,
			'https://evil.example/classifiers',
			'/documents/../oauth/token',
			'/documents/%2e%2e/oauth/token',
			'/documents/..%2F..%2Foauth/token',
			'/documents/x\\..\\..\\oauth/token',
			'/classifiers\r\nX-Injected: 1',
			'',
		];
		const items = paths.map((p, n) => ({ json: { n, p } }));
		const result = await runAluma({ parameters: apiRequest({ path: '={{ $json.p }}' }), items, continueOnFail: true });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		expectErrorPerItem(
			result,
			paths.length,
			(i) => (i === paths.length - 1 ? /^The path is empty$/ : /^The path .*(is an absolute URL|contains "\." or "\.\." segments|contains control characters)/),
			/relative|Remove|Use a plain path|Enter a path/,
		);
		expect(m.requests).toBe(0);
		expect(other.requests).toHaveLength(0);
		expect(m.secretHits).toBe(0);
	});

	it('header injection and credential headers → refused, naming the header', async () => {
		const s = scenario('API Request with CRLF / Authorization header');
		const items = [{ json: { n: 0 } }, { json: { n: 1 } }];
		const result = await runAluma({
			parameters: apiRequest({
				path: '/classifiers',
				headerParameters: {
					parameters: [{ name: "={{ $json.n === 0 ? 'X-Note' : 'Authorization' }}", value: "={{ $json.n === 0 ? 'a\\r\\nX-Injected: 1' : 'Bearer mine' }}" }],
				},
			}),
			items,
			continueOnFail: true,
		});
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		const out = expectErrorPerItem(result, 2, (i) => (i === 0 ? /^The header "X-Note" contains a line break$/ : /^The header "Authorization" cannot be set in Headers$/), /Remove/);
		expect(out.map((json) => json.error)).toHaveLength(2);
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('a JSON body that is not JSON → names the parameter', async () => {
		const s = scenario('API Request with invalid JSON body');
		const result = await runAluma({ parameters: apiRequest({ method: 'POST', path: '/documents', bodyType: 'json', jsonBody: '{"url": ' }) });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		expectNodeError(result, { kind: 'operation', itemIndex: 0, message: /^The parameter "JSON Body" is not valid JSON$/, fix: /Fix the JSON/ });
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('the Base URL of the credential', () => {
	it.each([
		['http://api.aluma.example', /^The Base URL must use https \(got http:\/\/api\.aluma\.example\)$/, /only sent over https/],
		['http://10.0.0.8:8080', /^The Base URL must use https \(got http:\/\/10\.0\.0\.8:8080\)$/, /only sent over https/],
		['https://user:pass@api.aluma.example', /^The Base URL must not contain a user name or password$/, /Remove the user information/],
	])('%s → refused before anything is sent', async (baseUrl, message, fix) => {
		const s = scenario(`Base URL ${baseUrl.replace(/\/\/.*@/, '//…@')}`);
		const started = Date.now();
		const result = await runAluma({ store: storeAt(baseUrl), parameters: classifyFile(), items: invoices(1) });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		expectNodeError(result, { kind: 'operation', itemIndex: 0, message, fix });
		// Nothing was attempted (an attempt on these hosts would take far longer or fail differently).
		expect(Date.now() - started).toBeLessThan(3000);
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('the credential test with a plain-http remote Base URL → Error with a readable message, secret not sent', async () => {
		const s = scenario('credential test, http remote Base URL');
		const store = storeAt('http://api.aluma.example');
		const test = await testCredential(store, AlumaApi, CREDENTIAL_ID);
		s.expose(JSON.stringify(test));
		const m = s.finish(`credential test → ${test.status}: ${test.message}`, []);

		expect(test.status).toBe('Error');
		expectReadable(test.message);
		expect(test.message).toMatch(/https/);
		expect(m.requests).toBe(0);
		expect(store.updates).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});
