import type { INode } from 'n8n-workflow';

import { parseErrorBody } from '../../../nodes/Aluma/transport/errorBody';
import { alumaApiError } from '../../../nodes/Aluma/transport/errors';
import { alumaNetworkError } from '../../../nodes/Aluma/transport/networkErrors';
import { adviceForStatus } from '../../../nodes/Aluma/transport/statusAdvice';

const node: INode = {
	id: 'n1',
	name: 'Aluma',
	type: 'n8n-nodes-aluma.aluma',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('parseErrorBody', () => {
	it('reads RFC 7807 problem details', () => {
		const body = JSON.stringify({
			type: 'https://docs.aluma.io/problems/invalid-task-state',
			title: 'Invalid task state',
			status: 422,
			detail: 'The task is not waiting for export',
			instance: 'urn:aluma:error:123',
			errors: [{ detail: 'action must be export' }],
		});
		expect(parseErrorBody(Buffer.from(body))).toMatchObject({
			detail: 'The task is not waiting for export',
			fieldErrors: ['action must be export'],
			fields: [],
			type: 'https://docs.aluma.io/problems/invalid-task-state',
			instance: 'urn:aluma:error:123',
		});
	});

	it('reads the legacy {message, requestErrors} shape', () => {
		const body = JSON.stringify({ message: 'Invalid name', requestErrors: { name: ['must be 1-100 chars', 'no spaces'] } });
		expect(parseErrorBody(body)).toMatchObject({
			detail: 'Invalid name',
			fieldErrors: ['name: must be 1-100 chars', 'name: no spaces'],
			fields: [],
			type: undefined,
			instance: undefined,
		});
	});

	it('reads the field each RFC 7807 errors[] entry names', () => {
		const body = JSON.stringify({
			status: 400,
			detail: '2 argument(s) have the wrong type.',
			errors: [
				{ field: 'modules[0].arguments.allow_debit_notes', detail: 'must be a boolean' },
				{ field: 'modules[0].arguments.max', message: 'must be a number' },
				{ detail: 'no field here' },
			],
		});
		expect(parseErrorBody(body)).toMatchObject({
			fieldErrors: ['modules[0].arguments.allow_debit_notes: must be a boolean', 'modules[0].arguments.max: must be a number', 'no field here'],
			fields: ['modules[0].arguments.allow_debit_notes', 'modules[0].arguments.max'],
		});
	});

	it('ignores HTML proxy pages, keeps short plain text, tolerates empty bodies', () => {
		expect(parseErrorBody('<html><body>502 Bad Gateway</body></html>', 'text/html').detail).toBeUndefined();
		expect(parseErrorBody('upstream timed out', 'text/plain').detail).toBe('upstream timed out');
		expect(parseErrorBody(undefined)).toEqual({ fieldErrors: [], fields: [] });
		expect(parseErrorBody('{"oops"', 'application/json').detail).toBe('{"oops"');
	});

	it('clips very long details', () => {
		const detail = parseErrorBody(JSON.stringify({ message: 'x'.repeat(5000) })).detail as string;
		expect(detail.length).toBeLessThanOrEqual(501);
	});
});

describe('adviceForStatus', () => {
	it('mentions documents expiring only for a step about a document', () => {
		expect(adviceForStatus(404, 'classify the document').description).toMatch(/10 minutes/);
		expect(adviceForStatus(404, 'get the task').description).toBe('Check the ID or name used in this step; it may have been deleted');
	});
});

describe('alumaApiError', () => {
	it.each([
		[401, 'Aluma did not accept the access token'],
		[403, 'Aluma refused to create the document'],
		[404, 'Aluma could not find what was asked for when trying to create the document'],
		[413, 'The file is too large for Aluma'],
		[429, 'Aluma is limiting the rate of requests'],
		[503, 'Aluma had a server error (HTTP 503) when trying to create the document'],
	])('gives HTTP %i a message a user understands', (status, message) => {
		const error = alumaApiError(node, { status, what: 'create the document' });
		expect(error.message).toBe(message);
		expect(error.httpCode).toBe(String(status));
		expect(error.description).toBeTruthy();
	});

	it('names the fields Aluma refused in the message, and says what is wrong with each in the description', () => {
		const body = JSON.stringify({ status: 400, detail: '1 argument(s) have the wrong type.', errors: [{ field: 'modules[1].arguments.allow_debit_notes', detail: 'must be a boolean, not "true"' }] });
		const error = alumaApiError(node, { status: 400, body, what: 'create the extractor "x"' });
		expect(error.message).toBe('Aluma rejected the request to create the extractor "x" as invalid (field "modules[1].arguments.allow_debit_notes")');
		expect(error.description).toContain('Problems: modules[1].arguments.allow_debit_notes: must be a boolean, not "true"');
	});

	it('names the parameter on a 404 when the request says which one holds the unknown value', () => {
		const notFound = 'No Aluma task has the ID "t-1" (parameter "Task ID")';
		const problem = Buffer.from(JSON.stringify({ status: 404, detail: "There is no task with id 't-1'." }));
		const error = alumaApiError(node, { status: 404, body: problem, contentType: 'application/problem+json', what: 'get the task', notFound });
		expect([error.message, error.httpCode]).toEqual([notFound, '404']);
		expect(error.description).toContain("Aluma said: There is no task with id 't-1'");
		expect(alumaApiError(node, { status: 500, what: 'get the task', notFound }).message).not.toContain('No Aluma task');
	});

	it('words a refusal the request knows the meaning of, only on its statuses, advice first', () => {
		const refused = { statuses: [400, 409], message: 'Document "d-1" has no read result yet', advice: 'Run Read Stored Document on it first' };
		const body = Buffer.from(JSON.stringify({ message: 'The document has not been read' }));
		const error = alumaApiError(node, { status: 409, body, what: 'get the read result', refused });
		expect([error.message, error.httpCode]).toEqual([refused.message, '409']);
		expect(error.description).toMatch(/^Run Read Stored Document on it first\. Aluma said: The document has not been read\. /);
		expect(alumaApiError(node, { status: 404, what: 'get the read result', refused }).message).toBe(
			'Aluma could not find what was asked for when trying to get the read result',
		);
	});

	it('puts Aluma\'s own words, field problems, reference and tries in the description', () => {
		const error = alumaApiError(node, {
			status: 422,
			body: Buffer.from(JSON.stringify({ title: 'Bad', detail: 'Download took longer than 10 s', instance: 'urn:x:1' })),
			what: 'import the document',
			attempts: 1,
		});
		expect(error.message).toBe('Aluma could not process the request to import the document: Download took longer than 10 s');
		expect(error.description).toContain('Aluma said: Download took longer than 10 s');
		expect(error.description).toContain('Aluma error reference: urn:x:1');
	});

	it('explains network failures without the raw error', () => {
		const timeout = alumaNetworkError(node, 'ECONNABORTED', 'read the document', 2);
		expect(timeout.message).toBe('Aluma did not answer in time when trying to read the document');
		expect(timeout.description).toContain('Tried 2 times');
		const reset = alumaNetworkError(node, 'ECONNRESET', 'read the document', 1);
		expect(reset.message).toBe('The connection to Aluma failed when trying to read the document (connection reset)');
		expect(reset.description).toContain('ECONNRESET');
	});
});
