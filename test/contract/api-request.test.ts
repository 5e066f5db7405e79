/**
 * Contract of API Request → Send against https://api.aluma.io: each method, the query string,
 * the headers given, JSON and raw binary bodies, and how JSON, text and file answers become items.
 * nock answers instead of Aluma.
 *
 * Run: npx jest test/contract/api-request.test.ts
 */
import type { INodeParameters } from 'n8n-workflow';

import { expectSuccess, fileItem, fixture, jsonOf } from '../support/fakeAlumaWorkflow';
import type { RecordedRequest } from '../support/contract';
import { BEARER, DEFAULT_ACCEPT, aluma, apiRequest, recordAndReply, useNock } from '../support/contract';

const contract = useNock();

const pairs = (entries: Record<string, string>) => ({
	parameters: Object.entries(entries).map(([name, value]) => ({ name, value })),
});

async function send(parameters: INodeParameters) {
	return await contract.run({ parameters: apiRequest(parameters) });
}

describe('methods', () => {
	it.each(['GET', 'DELETE'])('sends %s with the token and no body', async (method) => {
		const log: RecordedRequest[] = [];
		aluma().intercept('/classifiers/old', method).reply(recordAndReply(log, 200, { ok: true }));

		expectSuccess(await send({ method, path: '/classifiers/old' }));

		expect(log.map((entry) => [entry.method, entry.path, entry.headers.authorization, entry.headers['content-type'], entry.body.length])).toEqual([
			[method, '/classifiers/old', BEARER, undefined, 0],
		]);
		expect(log[0].headers.accept).toBe(DEFAULT_ACCEPT);
	});

	it.each(['POST', 'PUT', 'PATCH'])('sends %s with the JSON body exactly as given', async (method) => {
		const body = { modules: [{ id: 'aluma.email_address', arguments: {} }], note: 'ünïcode ✓' };
		const scope = aluma()
			.intercept('/extractors/contacts', method, body)
			.matchHeader('authorization', BEARER)
			.matchHeader('content-type', 'application/json')
			.reply(201, { name: 'contacts' });

		const result = await send({ method, path: '/extractors/contacts', bodyType: 'json', jsonBody: JSON.stringify(body) });

		expect(jsonOf(result)).toEqual([{ name: 'contacts' }]);
		scope.done();
	});
});

describe('query and headers', () => {
	it('sends the query parameters, encoded', async () => {
		const scope = aluma()
			.get('/tasks')
			.query({ state: 'completed', 'project id': 'a&b', empty: '' })
			.matchHeader('authorization', BEARER)
			.reply(200, { tasks: [] });

		expectSuccess(await send({ path: '/tasks', queryParameters: pairs({ state: 'completed', 'project id': 'a&b', empty: '' }) }));

		scope.done();
	});

	it('sends the headers given, an Accept among them', async () => {
		const scope = aluma()
			.post('/documents/d1/extract/aluma.invoices.gb')
			.matchHeader('authorization', BEARER)
			.matchHeader('accept', 'application/vnd.waives.requestformats.redact+json')
			.matchHeader('x-correlation-id', 'run-42')
			.reply(200, { marks: [] });

		const result = await send({
			method: 'POST',
			path: '/documents/d1/extract/aluma.invoices.gb',
			headerParameters: pairs({ Accept: 'application/vnd.waives.requestformats.redact+json', 'X-Correlation-Id': 'run-42' }),
		});

		expect(jsonOf(result)).toEqual([{ marks: [] }]);
		scope.done();
	});
});

describe('binary body', () => {
	it('sends the file as raw bytes with its content type and length', async () => {
		const zip = fixture('samples.zip');
		const scope = aluma()
			.post('/classifiers/mailroom/samples', zip)
			.matchHeader('authorization', BEARER)
			.matchHeader('content-type', 'application/zip')
			.matchHeader('content-length', String(zip.length))
			.reply(200, { samples_added: 6 });

		const result = await contract.run({
			parameters: apiRequest({ method: 'POST', path: '/classifiers/mailroom/samples', bodyType: 'binary', inputBinaryField: 'samples' }),
			items: [fileItem('samples.zip', { property: 'samples' })],
		});

		expect(jsonOf(result)).toEqual([{ samples_added: 6 }]);
		scope.done();
	});

	it('uses a Content-Type header instead of the file type when one is given', async () => {
		const bytes = fixture('photo.png');
		const scope = aluma()
			.post('/documents', bytes)
			.matchHeader('content-type', 'application/octet-stream')
			.reply(201, { id: 'd1' });

		expectSuccess(
			await contract.run({
				parameters: apiRequest({
					method: 'POST',
					path: '/documents',
					bodyType: 'binary',
					inputBinaryField: 'data',
					headerParameters: pairs({ 'content-type': 'application/octet-stream' }),
				}),
				items: [fileItem('photo.png')],
			}),
		);
		scope.done();
	});
});

describe('responses', () => {
	it('returns each element of a JSON array as an item', async () => {
		aluma().get('/modules/ids').reply(200, [{ id: 'a' }, { id: 'b' }, 'plain']);

		expect(jsonOf(await send({ path: '/modules/ids' }))).toEqual([{ id: 'a' }, { id: 'b' }, { data: 'plain' }]);
	});

	it('returns a 204 as an empty item', async () => {
		aluma().delete('/classifiers/old').reply(204);

		expect(jsonOf(await send({ method: 'DELETE', path: '/classifiers/old' }))).toEqual([{}]);
	});

	it('returns text in "data"', async () => {
		aluma().get('/documents/d1/reads').reply(200, 'line 1\nline 2', { 'Content-Type': 'text/plain; charset=utf-8' });

		expect(jsonOf(await send({ path: '/documents/d1/reads', responseFormat: 'text' }))).toEqual([{ data: 'line 1\nline 2' }]);
	});

	it('returns a file with the content type Aluma sent, named after the path', async () => {
		const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff]);
		aluma().get('/documents/d1/reads').query({ format: 'pdf' }).reply(200, pdf, { 'Content-Type': 'application/pdf; qs=0.9' });

		const result = await send({ path: '/documents/d1/reads?format=pdf', responseFormat: 'file' });

		const [item] = expectSuccess(result);
		expect(item.binary?.data).toMatchObject({ fileName: 'reads', mimeType: 'application/pdf' });
		expect(await result.binary(item)).toEqual(pdf);
	});

	it('returns the status code and headers with the body when asked', async () => {
		aluma().post('/classifiers/new').reply(201, { name: 'new' }, { Location: '/classifiers/new', 'X-Request-Id': 'r-1' });

		const [json] = jsonOf(await send({ method: 'POST', path: '/classifiers/new', options: { fullResponse: true } }));

		expect(json).toMatchObject({
			statusCode: 201,
			headers: expect.objectContaining({ location: '/classifiers/new', 'x-request-id': 'r-1' }),
			body: { name: 'new' },
		});
	});
});
