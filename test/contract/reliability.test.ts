/**
 * Contract of retries and redirects against https://api.aluma.io: 503/429 are retried, honouring
 * Retry-After; a create (not idempotent) is not resent after a 502 or a reset connection, since
 * Aluma may have acted on it; redirects are followed only on the Aluma host, so the token never
 * goes anywhere else. nock answers instead of Aluma.
 *
 * Run: npx jest test/contract/reliability.test.ts
 */
import { byName, expectSuccess, failureOf, fileItem, fixture, jsonOf } from '../support/fakeAlumaWorkflow';
import type { RecordedRequest } from '../support/contract';
import { BEARER, aluma, apiRequest, networkError, nock, recordAndReply, useNock } from '../support/contract';

const contract = useNock();

const listClassifiers = apiRequest({ path: '/classifiers' });
const createDocument = { resource: 'document', operation: 'create' };
const CLASSIFIERS = { classifiers: [{ name: 'mailroom' }] };

function uploadedDocument() {
	const bytes = fixture('invoice.pdf');
	return { id: 'd1', _embedded: { files: [{ id: 'f1', file_type: 'PDF:Misc', size: bytes.length }] } };
}

describe('retries', () => {
	it('retries a 503 at once when Retry-After is 0, until Aluma answers', async () => {
		const log: RecordedRequest[] = [];
		aluma().get('/classifiers').times(2).reply(recordAndReply(log, 503, { message: 'Service Unavailable' }, { 'Retry-After': '0' }));
		aluma().get('/classifiers').reply(recordAndReply(log, 200, CLASSIFIERS));

		const result = await contract.run({ parameters: listClassifiers });

		expect(jsonOf(result)).toEqual([CLASSIFIERS]);
		expect(log).toHaveLength(3);
		expect(log.every((entry) => entry.headers.authorization === BEARER)).toBe(true);
		// The waits the node planned (a wall-clock bound would fail on a loaded machine): none.
		expect(result.logs.filter((entry) => /got HTTP 503; try \d in 0 ms/.test(entry.message))).toHaveLength(2);
	});

	it('backs off between tries when Aluma gives no Retry-After', async () => {
		const log: RecordedRequest[] = [];
		aluma().get('/classifiers').reply(recordAndReply(log, 503, { message: 'Service Unavailable' }));
		aluma().get('/classifiers').reply(recordAndReply(log, 200, CLASSIFIERS));

		expectSuccess(await contract.run({ parameters: listClassifiers }));

		expect(log[1].at - log[0].at).toBeGreaterThanOrEqual(200);
	});

	it('waits as long as Retry-After says after a 429', async () => {
		const log: RecordedRequest[] = [];
		aluma().get('/classifiers').reply(recordAndReply(log, 429, { message: 'Too Many Requests' }, { 'Retry-After': '1' }));
		aluma().get('/classifiers').reply(recordAndReply(log, 200, CLASSIFIERS));

		const result = await contract.run({ parameters: listClassifiers });
		expectSuccess(result);

		expect(log).toHaveLength(2);
		expect(log[1].at - log[0].at).toBeGreaterThanOrEqual(950);
		expect(result.logs.some((entry) => /try 2 in 1000 ms/.test(entry.message))).toBe(true);
	});

	it('does not wait for a Retry-After longer than a minute, and says Aluma is limiting requests', async () => {
		aluma().get('/classifiers').reply(429, { message: 'Too Many Requests' }, { 'Retry-After': '120' });

		const failure = failureOf(await contract.run({ parameters: listClassifiers }));

		expect(failure.message).toBe('Aluma is limiting the rate of requests');
		expect(failure.httpCode).toBe('429');
	});

	it('stops after 4 tries and says so', async () => {
		aluma().get('/classifiers').times(4).reply(503, { message: 'Service Unavailable' }, { 'Retry-After': '0' });

		const failure = failureOf(await contract.run({ parameters: listClassifiers }));

		expect(failure.message).toBe('Aluma had a server error (HTTP 503) when trying to send GET /classifiers');
		expect(failure.description).toContain('Tried 4 times');
	});

	it('retries an idempotent request after a reset connection', async () => {
		const scope = aluma()
			.get('/classifiers')
			.replyWithError(networkError('ECONNRESET', 'socket hang up'))
			.get('/classifiers')
			.reply(200, CLASSIFIERS);

		expect(jsonOf(await contract.run({ parameters: listClassifiers }))).toEqual([CLASSIFIERS]);
		scope.done();
	});

	it('resends a create after a 503 or 429, which Aluma answers before acting', async () => {
		const bytes = fixture('invoice.pdf');
		const scope = aluma()
			.post('/documents', bytes)
			.reply(503, { message: 'Service Unavailable' }, { 'Retry-After': '0' })
			.post('/documents', bytes)
			.reply(429, { message: 'Too Many Requests' }, { 'Retry-After': '0' })
			.post('/documents', bytes)
			.reply(201, uploadedDocument());

		const result = await contract.run({ parameters: createDocument, items: [fileItem('invoice.pdf')] });

		expect(jsonOf(result)[0]).toMatchObject({ id: 'd1' });
		scope.done();
	});

	it('does not resend a create after a 502, since Aluma may have made the document', async () => {
		const log: RecordedRequest[] = [];
		aluma().post('/documents').reply(recordAndReply(log, 502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' }));
		const unused = aluma().post('/documents').reply(201, uploadedDocument());

		const failure = failureOf(await contract.run({ parameters: createDocument, items: [fileItem('invoice.pdf')] }));

		expect(failure.message).toBe('Aluma had a server error (HTTP 502) when trying to create the document');
		expect(failure.description).not.toContain('Tried');
		expect(log).toHaveLength(1);
		expect(unused.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('does not resend a create after a reset connection', async () => {
		aluma().post('/documents').replyWithError(networkError('ECONNRESET', 'socket hang up'));
		const unused = aluma().post('/documents').reply(201, uploadedDocument());

		const failure = failureOf(await contract.run({ parameters: createDocument, items: [fileItem('invoice.pdf')] }));

		expect(failure.message).toBe('The connection to Aluma failed when trying to create the document (connection reset)');
		expect(unused.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('does not retry a 501, which will never work', async () => {
		aluma().get('/classifiers').reply(501, { message: 'Not Implemented' });

		expect(failureOf(await contract.run({ parameters: listClassifiers })).httpCode).toBe('501');
	});

	it('retries a slow step of a one-step operation but uploads only once', async () => {
		const bytes = fixture('invoice.pdf');
		const classification = { classification_results: { document_type: 'Invoice', is_confident: true, document_type_scores: [] } };
		const scope = aluma()
			.post('/documents', bytes)
			.once()
			.reply(201, uploadedDocument())
			.post('/documents/d1/classify/mailroom')
			.reply(503, { message: 'busy' }, { 'Retry-After': '0' })
			.post('/documents/d1/classify/mailroom')
			.reply(200, classification)
			.delete('/documents/d1')
			.reply(204);

		const result = await contract.run({
			parameters: { resource: 'document', operation: 'classifyFile', classifier: byName('mailroom') },
			items: [fileItem('invoice.pdf')],
		});

		expect(jsonOf(result)[0]).toMatchObject({ documentType: 'Invoice' });
		scope.done();
	});
});

describe('redirects', () => {
	it('follows a redirect on the Aluma host, with the token', async () => {
		const scope = aluma()
			.get('/classifiers')
			.reply(307, '', { Location: '/v2/classifiers' })
			.get('/v2/classifiers')
			.matchHeader('authorization', BEARER)
			.reply(200, CLASSIFIERS);

		expect(jsonOf(await contract.run({ parameters: listClassifiers }))).toEqual([CLASSIFIERS]);
		scope.done();
	});

	it('does not follow a redirect to another host, and the token never goes there', async () => {
		aluma().get('/classifiers').reply(302, '', { Location: 'https://collector.evil.example/classifiers' });
		const elsewhere = nock('https://collector.evil.example').get('/classifiers').reply(200, CLASSIFIERS);

		const result = await contract.run({ parameters: listClassifiers });

		const failure = failureOf(result);
		expect(failure.message).toBe('Aluma redirected the request to send GET /classifiers away from its API host');
		expect(failure.description).toMatch(/only sent to the Base URL/);
		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('does not follow a redirect to the same host over plain http', async () => {
		aluma().get('/classifiers').reply(301, '', { Location: 'http://api.aluma.io/classifiers' });
		const downgraded = nock('http://api.aluma.io').get('/classifiers').reply(200, CLASSIFIERS);

		expect(failureOf(await contract.run({ parameters: listClassifiers })).message).toMatch(/away from its API host/);
		expect(downgraded.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('stops after 3 redirects', async () => {
		aluma().get('/a').reply(302, '', { Location: '/b' }).get('/b').reply(302, '', { Location: '/c' });
		aluma().get('/c').reply(302, '', { Location: '/d' }).get('/d').reply(302, '', { Location: '/e' });

		expect(failureOf(await contract.run({ parameters: apiRequest({ path: '/a' }) })).message).toMatch(/redirected the request/);
	});
});
