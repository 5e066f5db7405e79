/**
 * Contract of the document allowance (DOC: "by default, up to 30 documents … per API client"; the
 * answer at the limit is undocumented): each wording Aluma may use is recognised, the upload is not
 * retried by the transport but waits for a slot and is sent again, and an answer that only looks
 * similar is not mistaken for it. nock answers; the network is closed.
 *
 * Run: npx jest test/contract/allowance.test.ts
 */
import { createHash } from 'crypto';
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_DOCUMENT_ALLOWANCE } from '../../nodes/Aluma/transport/allowance';
import { expectSuccess, failureOf, fileItem, fixture } from '../support/fakeAlumaWorkflow';
import { BEARER, aluma, useNock } from '../support/contract';

const contract = useNock();
const DOC_ID = 'X9wK2AgWkk-m7e4f9oD5ew';
const create: INodeParameters = { resource: 'document', operation: 'create', binaryPropertyName: 'data', options: {} };

function created() {
	const bytes = fixture('invoice.pdf');
	return { id: DOC_ID, _embedded: { files: [{ id: 'f', file_type: 'PDF:Misc', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }] } };
}

const problem = (status: number, fields: Record<string, string>) => ({ status, instance: 'urn:uuid:1', ...fields });

describe('the document allowance', () => {
	it('states the documented default in one place', () => {
		expect(DEFAULT_DOCUMENT_ALLOWANCE).toBe(30);
	});

	it.each([
		['a 429 problem whose type ends in document-limit-reached', 429, problem(429, { type: 'https://docs.aluma.io/problems/document-limit-reached', title: 'Too Many Requests', detail: 'Try again later.' })],
		['a 403 problem titled "Document limit reached"', 403, problem(403, { type: 'about:blank', title: 'Document limit reached', detail: 'Delete a document first.' })],
		['a 409 problem whose detail names the limit', 409, problem(409, { title: 'Conflict', detail: 'The document limit for this API client has been reached.' })],
		['a legacy {message}', 403, { message: 'The maximum number of documents (30) has been reached. Delete documents to free up space.' }],
		["the Go client's wording", 429, { message: 'All document slots are full' }],
	])('%s → not retried by the transport, the upload waits and is sent again once', async (_, status, body) => {
		aluma().post('/documents').matchHeader('authorization', BEARER).reply(status, body, { 'Content-Type': 'application/problem+json' });
		aluma().post('/documents').matchHeader('authorization', BEARER).reply(201, created());

		const result = await contract.run({ parameters: create, items: [fileItem('invoice.pdf')] });

		expect(expectSuccess(result)[0].json.id).toBe(DOC_ID);
		// The second POST came from the wait for a slot, not from a transport retry.
		expect(result.logs.filter((entry) => entry.message.includes('document allowance full'))).toHaveLength(1);
		expect(result.logs.some((entry) => /got HTTP \d+; try 2/.test(entry.message))).toBe(false);
	});

	it.each([
		['a 429 rate limit without the document wording', 429, problem(429, { type: 'https://docs.aluma.io/problems/rate-limited', title: 'Too Many Requests', detail: 'Slow down.' })],
		['a 403 permission problem', 403, problem(403, { type: 'https://docs.aluma.io/problems/forbidden', title: 'Forbidden', detail: 'This API client may not create documents.' })],
		['the document wording on a 400', 400, { message: 'The maximum number of documents (30) has been reached.' }],
	])('%s is not the allowance: no waiting for a slot', async (_, status, body) => {
		// A 429 that is not the allowance is retried by the transport (Aluma did not act), 4 tries in all.
		const tries = status === 429 ? 4 : 1;
		aluma().post('/documents').times(tries).reply(status, body, { 'Content-Type': 'application/json', 'Retry-After': '0' });

		const result = await contract.run({ parameters: create, items: [fileItem('invoice.pdf')] });
		const failure = failureOf(result);

		expect(failure.message).not.toMatch(/allowance/);
		expect(String(failure.httpCode)).toBe(String(status));
		expect(result.logs.some((entry) => entry.message.includes('document allowance full'))).toBe(false);
	});
});
