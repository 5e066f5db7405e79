/**
 * API Request → Send in n8n's engine against the fake Aluma server: every method, query parameters,
 * headers, JSON and binary bodies, the three response formats, the full-response option, paths that
 * could send the token elsewhere (refused before any request), and Aluma's errors.
 *
 * Run: npx jest test/workflow/api-request.test.ts
 */
import { createHash } from 'crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readPdfText } from '../fake-aluma/pdf';
import {
	apiCalls,
	expectSuccess,
	failureOf,
	fileItem,
	fixture,
	jsonOf,
	useFakeAluma,
} from '../support/fakeAlumaWorkflow';

const aluma = useFakeAluma();

/** API Request → Send with its defaults (GET, no body, JSON response), overridden by `parameters`. */
const send = (parameters: INodeParameters): INodeParameters => ({
	resource: 'apiRequest',
	operation: 'send',
	method: 'GET',
	bodyType: 'none',
	responseFormat: 'json',
	...parameters,
});

const pairs = (entries: Record<string, string>) => ({
	parameters: Object.entries(entries).map(([name, value]) => ({ name, value })),
});

/** Uploads a fixture with the API Request node itself and returns the new document's id. */
async function upload(name: string): Promise<string> {
	const result = await aluma.run({
		parameters: send({ method: 'POST', path: '/documents', bodyType: 'binary', inputBinaryField: 'data' }),
		items: [fileItem(name)],
	});
	return String(expectSuccess(result)[0].json.id);
}

async function remove(id: string): Promise<void> {
	expectSuccess(await aluma.run({ parameters: send({ method: 'DELETE', path: `/documents/${id}` }) }));
}

describe('methods', () => {
	it('sends GET and returns the JSON object as one item', async () => {
		const result = await aluma.run({ parameters: send({ path: '/classifiers' }) });

		expect(jsonOf(result)).toEqual([
			{
				classifiers: [
					expect.objectContaining({ name: 'mailroom' }),
				],
			},
		]);
		expect(apiCalls(aluma.fake).map((call) => [call.method, call.path, call.status])).toEqual([['GET', '/classifiers', 200]]);
	});

	it('sends POST with a JSON body as application/json', async () => {
		const template = { modules: [{ id: 'aluma.email_address', arguments: {} }] };

		const created = await aluma.run({
			parameters: send({ method: 'POST', path: '/extractors/contact-emails', bodyType: 'json', jsonBody: JSON.stringify(template) }),
		});
		const fetched = await aluma.run({ parameters: send({ path: '/extractors/contact-emails' }) });

		expect(jsonOf(created)).toEqual([expect.objectContaining({ name: 'contact-emails', fields: ['Email'], modules: template.modules })]);
		expect(jsonOf(fetched)[0].fields).toEqual(['Email']);
		const post = apiCalls(aluma.fake)[0];
		expect([post.method, post.path, post.status, post.contentType]).toEqual(['POST', '/extractors/contact-emails', 201, 'application/json']);
	});

	it('sends PUT and DELETE to a document made with POST', async () => {
		const id = await upload('invoice.pdf');

		const read = await aluma.run({ parameters: send({ method: 'PUT', path: `/documents/${id}/reads` }) });
		const deleted = await aluma.run({ parameters: send({ method: 'DELETE', path: `/documents/${id}` }) });

		expect(jsonOf(read)).toEqual([{ _links: { self: { href: `/documents/${id}/reads`, method: 'PUT' }, parent: { href: `/documents/${id}` } } }]);
		expect(jsonOf(deleted)).toEqual([{}]);
		expect(apiCalls(aluma.fake).map((call) => [call.method, call.status])).toEqual([
			['POST', 201],
			['PUT', 200],
			['DELETE', 204],
		]);
	});

	it('sends PATCH with its JSON body and reports Aluma refusing the method', async () => {
		const result = await aluma.run({
			parameters: send({ method: 'PATCH', path: '/documents/abc', bodyType: 'json', jsonBody: '{"name":"x"}' }),
		});

		const failure = failureOf(result);
		expect(failure.message).toBe('Aluma does not allow this method to send PATCH /documents/abc');
		expect(failure.description).toContain('Aluma said: Use GET or DELETE on /documents/abc');
		expect(apiCalls(aluma.fake).map((call) => [call.method, call.path, call.status, call.contentType, call.bodyBytes])).toEqual([
			['PATCH', '/documents/abc', 405, 'application/json', 12],
		]);
	});
});

describe('query parameters and headers', () => {
	it('sends the query parameters, encoded', async () => {
		expectSuccess(
			await aluma.run({
				parameters: send({ path: '/classifiers', queryParameters: pairs({ search: 'mail room', filter: 'a&b=c', empty: '' }) }),
			}),
		);

		expect(apiCalls(aluma.fake)[0].query).toEqual({ search: 'mail room', filter: 'a&b=c', empty: '' });
	});

	it('sends the headers given, e.g. an Accept that picks the read result format', async () => {
		const id = await upload('invoice.pdf');
		try {
			expectSuccess(await aluma.run({ parameters: send({ method: 'PUT', path: `/documents/${id}/reads` }) }));
			const result = await aluma.run({
				parameters: send({
					path: `/documents/${id}/reads`,
					headerParameters: pairs({ Accept: 'application/pdf', 'X-Correlation-Id': 'run-42' }),
					responseFormat: 'file',
				}),
			});

			const [item] = expectSuccess(result);
			expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'reads' });
			const pdf = await result.binary(item);
			expect(readPdfText(pdf).pages[0].lines).toContain('Invoice Number: INV-1001');
			expect(apiCalls(aluma.fake).at(-1)?.accept).toBe('application/pdf');
		} finally {
			await remove(id);
		}
	});

	it.each(['Authorization', 'authorization', 'Host', 'Proxy-Authorization', 'Cookie', 'Content-Length'])(
		'refuses the header %s with a clear error and sends nothing',
		async (header) => {
			const result = await aluma.run({ parameters: send({ path: '/classifiers', headerParameters: pairs({ [header]: 'Bearer stolen' }) }) });

			const failure = failureOf(result);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(failure.message).toBe(`The header "${header}" cannot be set in Headers`);
			expect(failure.description).toMatch(/credential adds authorization itself/);
			expect(failure.itemIndex).toBe(0);
			expect(aluma.fake.requests()).toHaveLength(0);
		},
	);

	it('refuses a header value with a line break and sends nothing', async () => {
		const result = await aluma.run({ parameters: send({ path: '/classifiers', headerParameters: pairs({ 'X-Note': 'a\r\nInjected: 1' }) }) });

		expect(failureOf(result).message).toBe('The header "X-Note" contains a line break');
		expect(aluma.fake.requests()).toHaveLength(0);
	});
});

describe('bodies', () => {
	it.each(['memory', 'filesystem'] as const)('sends a binary file as its raw bytes with its content type (%s binary mode)', async (binaryMode) => {
		const bytes = fixture('invoice.pdf');

		const result = await aluma.run({
			parameters: send({ method: 'POST', path: '/documents', bodyType: 'binary', inputBinaryField: 'data' }),
			items: [fileItem('invoice.pdf')],
			binaryMode,
		});

		const [document] = jsonOf(result);
		const file = (document._embedded as { files: IDataObject[] }).files[0];
		expect(file).toMatchObject({ file_type: 'PDF:Misc', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
		const post = apiCalls(aluma.fake)[0];
		expect([post.contentType, post.bodyBytes]).toEqual(['application/pdf', bytes.length]);
		await remove(String(document.id));
	});

	it('lets a Content-Type header replace the file type of a binary body', async () => {
		const result = await aluma.run({
			parameters: send({
				method: 'POST',
				path: '/documents',
				bodyType: 'binary',
				inputBinaryField: 'scan',
				headerParameters: pairs({ 'Content-Type': 'application/octet-stream' }),
			}),
			items: [fileItem('scan.tiff', { property: 'scan' })],
		});

		const [document] = jsonOf(result);
		expect((document._embedded as { files: IDataObject[] }).files[0].file_type).toBe('Image:TIFF');
		expect(apiCalls(aluma.fake)[0].contentType).toBe('application/octet-stream');
		await remove(String(document.id));
	});

	it('refuses a JSON body that is not valid JSON and sends nothing', async () => {
		const result = await aluma.run({ parameters: send({ method: 'POST', path: '/extractors/x', bodyType: 'json', jsonBody: '{"modules": [' }) });

		const failure = failureOf(result);
		expect(failure.message).toBe('The parameter "JSON Body" is not valid JSON');
		expect(failure.itemIndex).toBe(0);
		expect(aluma.fake.requests()).toHaveLength(0);
	});

	it('names the missing binary property of the item and sends nothing', async () => {
		const result = await aluma.run({
			parameters: send({ method: 'POST', path: '/documents', bodyType: 'binary', inputBinaryField: 'attachment' }),
			items: [fileItem('invoice.pdf')],
		});

		const failure = failureOf(result);
		expect(failure.message).toBe('Item 0 has no binary property "attachment" (parameter "Input Binary Field")');
		expect(failure.description).toContain('data');
		expect(aluma.fake.requests()).toHaveLength(0);
	});
});

describe('response formats', () => {
	let id: string;

	beforeEach(async () => {
		id = await upload('invoice.pdf');
		expectSuccess(await aluma.run({ parameters: send({ method: 'PUT', path: `/documents/${id}/reads` }) }));
	});

	afterEach(async () => {
		await remove(id);
	});

	it('returns a text response in the field "data"', async () => {
		const result = await aluma.run({ parameters: send({ path: `/documents/${id}/reads`, responseFormat: 'text' }) });

		const [json] = jsonOf(result);
		expect(Object.keys(json)).toEqual(['data']);
		expect(String(json.data).split('\n')).toEqual(expect.arrayContaining(['Invoice Number: INV-1001', 'Gross Total: 120.00']));
	});

	it('returns a file response as binary data with the file name chosen', async () => {
		const result = await aluma.run({
			parameters: send({
				path: `/documents/${id}/reads`,
				headerParameters: pairs({ Accept: 'application/vnd.waives.resultformats.read+zip' }),
				responseFormat: 'file',
				outputBinaryField: 'readResult',
				options: { fileName: 'invoice-read.zip' },
			}),
		});

		const [item] = expectSuccess(result);
		expect(item.json).toEqual({});
		expect(item.binary?.readResult).toMatchObject({
			fileName: 'invoice-read.zip',
			mimeType: 'application/vnd.waives.resultformats.read+zip',
		});
		expect((await result.binary(item, 'readResult')).subarray(0, 2).toString('latin1')).toBe('PK');
	});

	it('returns the status code and headers with the body when asked for the full response', async () => {
		const result = await aluma.run({ parameters: send({ path: `/documents/${id}`, options: { fullResponse: true } }) });

		const [json] = jsonOf(result);
		expect(json.statusCode).toBe(200);
		expect((json.headers as IDataObject)['content-type']).toBe('application/json; charset=utf-8');
		expect((json.body as IDataObject).id).toBe(id);
	});

	it('returns the status code and headers next to a file when asked for the full response', async () => {
		const result = await aluma.run({
			parameters: send({
				path: `/documents/${id}/reads`,
				headerParameters: pairs({ Accept: 'text/plain' }),
				responseFormat: 'file',
				options: { fullResponse: true },
			}),
		});

		const [item] = expectSuccess(result);
		expect(item.json.statusCode).toBe(200);
		expect((item.json.headers as IDataObject)['content-type']).toBe('text/plain; charset=utf-8');
		expect(item.binary?.data).toMatchObject({ mimeType: 'text/plain', fileName: 'reads' });
	});
});

describe('paths', () => {
	it('accepts a path without a leading slash', async () => {
		expectSuccess(await aluma.run({ parameters: send({ path: 'classifiers' }) }));

		expect(apiCalls(aluma.fake).map((call) => call.path)).toEqual(['/classifiers']);
	});

	it.each([
		['an absolute URL', 'https://evil.example/documents', 'is an absolute URL'],
		['an absolute URL to the Aluma host itself', 'http://127.0.0.1:1/classifiers', 'is an absolute URL'],
		['a protocol-relative URL', '//evil.example/documents', 'is an absolute URL'],
		['a ".." segment', '/documents/../oauth/token', 'contains "." or ".." segments'],
		['an encoded ".." segment', '/documents/%2e%2e/classifiers', 'contains "." or ".." segments'],
		['a "." segment', '/./classifiers', 'contains "." or ".." segments'],
	])('refuses %s with no request sent', async (_, path, problem) => {
		const result = await aluma.run({ parameters: send({ path }) });

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe(`The path "${path}" ${problem}`);
		expect(failure.itemIndex).toBe(0);
		expect(aluma.fake.requests()).toHaveLength(0);
	});
});

describe('errors', () => {
	it('maps a 404 to a message starting "Aluma could not find"', async () => {
		const result = await aluma.run({ parameters: send({ path: '/documents/no-such-document' }) });

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failure.message).toMatch(/^Aluma could not find /);
		expect(failure.httpCode).toBe('404');
		expect(failure.description).toContain("Aluma said: The document 'no-such-document' was not found");
		expect(failure.description).toContain('the document may have been deleted (Aluma deletes a document 10 minutes after its last use)');
		expect(failure.itemIndex).toBe(0);
	});

	it('says a 404 for a path Aluma does not have is a wrong path, with no word about documents expiring', async () => {
		const result = await aluma.run({ parameters: send({ path: '/documnts/abc?x=1' }) });

		const failure = failureOf(result);
		expect(failure.httpCode).toBe('404');
		expect(failure.description).toContain('Aluma has nothing at GET /documnts/abc: check the path');
		expect(failure.description).not.toMatch(/10 minutes/);
	});

	it('says a 404 for a known path with an unknown name names what is missing', async () => {
		const result = await aluma.run({ parameters: send({ path: '/extractors/no-such-extractor' }) });

		const failure = failureOf(result);
		expect(failure.httpCode).toBe('404');
		expect(failure.description).toContain('The path is one Aluma has, but no extractor has that name');
		expect(failure.description).not.toMatch(/10 minutes|document/);
	});

	it("shows Aluma's detail in the message of a 422", async () => {
		const result = await aluma.run({
			parameters: send({ method: 'POST', path: '/documents', bodyType: 'json', jsonBody: '{"url":"ftp://files.example.com/a.pdf"}' }),
		});

		const failure = failureOf(result);
		expect(failure.httpCode).toBe('422');
		expect(failure.message).toBe('Aluma could not process the request to send POST /documents: Only http and https URLs can be imported.');
		expect(failure.description).toMatch(/Aluma error reference: urn:uuid:/);
	});

	it('turns a failing item into an error item with its pairedItem when Continue On Fail is on', async () => {
		const result = await aluma.run({
			parameters: send({ path: "={{ $json.missing ? '/documents/gone' : '/classifiers' }}" }),
			items: [{ json: {} }, { json: { missing: true } }, { json: {} }],
			continueOnFail: true,
		});

		const output = expectSuccess(result);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.classifiers).toBeDefined();
		expect(output[1].json).toEqual({
			error: 'Aluma could not find what was asked for when trying to send GET /documents/gone',
			description: expect.stringContaining("The document 'gone' was not found."),
			httpCode: '404',
		});
		expect(output[2].json.classifiers).toBeDefined();
	});
});
