/**
 * Contract of the Suggestions API (Aluma's docs; paths INFERRED in routes.ts): Generate
 * Suggestions sends `{"context": …}` to POST /documents/{id}/suggestions and reads the file names,
 * folders and elements; Store Suggestion Result sends the chosen folder to POST
 * /documents/{id}/suggestion_results (never resent); the one-step "Suggest File Name and Folder"
 * uploads, asks and always deletes. Aluma's documented 400 and 404 are read. nock answers.
 *
 * Run: npx jest test/contract/suggestions.test.ts
 */
import { createHash } from 'crypto';
import type { INodeParameters } from 'n8n-workflow';

import { expectSuccess, failureOf, fileItem, fixture } from '../workflow/support/aluma';
import type { RecordedRequest } from './support/contract';
import { BEARER, aluma, recordAndReply, useNock } from './support/contract';

const contract = useNock();

const DOC_ID = 'X9wK2AgWkk-m7e4f9oD5ew';
const params = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'document', operation, ...parameters });

/** Aluma's answer (one of the layouts helpers/suggestions.ts reads). */
const ANSWER = {
	document_id: DOC_ID,
	primary: { file_name: '2026-11-02 ACME Supplies Ltd INV-1001', folder: { folder_id: 'fld-acme', reason: 'learnt' } },
	alternative: { file_name: 'Invoice INV-1001', folder: null },
	elements: { supplier: 'ACME Supplies Ltd', reference: 'INV-1001' },
};
const SIMPLIFIED = {
	suggestedFileName: '2026-11-02 ACME Supplies Ltd INV-1001',
	suggestedFolderId: 'fld-acme',
	suggestedFolderReason: 'learnt',
	alternativeFileName: 'Invoice INV-1001',
	alternativeFolderId: null,
	alternativeFolderReason: null,
	elements: { supplier: 'ACME Supplies Ltd', reference: 'INV-1001' },
};
const problem = (status: number, title: string) => ({ type: 'https://docs.aluma.io/problems/x', title, status, detail: title });

describe('Generate Suggestions', () => {
	it('sends {"context"} as JSON with the token and returns the suggestions as camelCase fields', async () => {
		const log: RecordedRequest[] = [];
		aluma().post(`/documents/${DOC_ID}/suggestions`).reply(recordAndReply(log, 200, ANSWER));

		const output = expectSuccess(await contract.run({ parameters: params('generateSuggestions', { documentId: DOC_ID, context: 'user-4711' }) }));

		expect(output.map((item) => item.json)).toEqual([{ documentId: DOC_ID, context: 'user-4711', ...SIMPLIFIED }]);
		expect(log[0].headers).toMatchObject({ authorization: BEARER, 'content-type': 'application/json' });
		expect(JSON.parse(log[0].body.toString('utf8'))).toEqual({ context: 'user-4711' });
	});

	it("returns Aluma's answer as it is with Simplify off", async () => {
		aluma().post(`/documents/${DOC_ID}/suggestions`, { context: 'u' }).reply(200, ANSWER);

		const output = expectSuccess(await contract.run({ parameters: params('generateSuggestions', { documentId: DOC_ID, context: 'u', simplify: false }) }));

		expect(output[0].json).toEqual({ documentId: DOC_ID, context: 'u', ...ANSWER });
	});

	it("names the Document ID parameter for Aluma's 404", async () => {
		aluma().post(`/documents/${DOC_ID}/suggestions`).reply(404, problem(404, 'The specified Document does not exist'));

		expect(failureOf(await contract.run({ parameters: params('generateSuggestions', { documentId: DOC_ID, context: 'u' }) }))).toMatchObject({
			name: 'NodeApiError',
			message: `No Aluma document has the ID "${DOC_ID}" (parameter "Document ID")`,
			httpCode: '404',
			itemIndex: 0,
		});
	});

	it("reports Aluma's 400 with its own words", async () => {
		aluma().post(`/documents/${DOC_ID}/suggestions`).reply(400, problem(400, 'No Document ID is specified or no context was specified'));

		const failure = failureOf(await contract.run({ parameters: params('generateSuggestions', { documentId: DOC_ID, context: 'u' }) }));

		expect(failure).toMatchObject({ message: 'Aluma rejected the request to generate suggestions for the document as invalid', httpCode: '400' });
		expect(failure.description).toContain('Aluma said: No Document ID is specified or no context was specified');
	});

	it('refuses an empty Context before any request', async () => {
		expect(failureOf(await contract.run({ parameters: params('generateSuggestions', { documentId: DOC_ID, context: '  ' }) }))).toMatchObject({
			name: 'NodeOperationError',
			message: 'The parameter "Context" is empty',
			itemIndex: 0,
		});
	});
});

describe('Store Suggestion Result', () => {
	it('sends the context, the chosen folder and the file name, and says it is stored', async () => {
		const log: RecordedRequest[] = [];
		aluma().post(`/documents/${DOC_ID}/suggestion_results`).reply(recordAndReply(log, 204));

		const output = expectSuccess(
			await contract.run({ parameters: params('storeSuggestionResult', { documentId: DOC_ID, context: 'user-4711', folderId: 'fld-acme', fileName: 'ACME INV-1001' }) }),
		);

		expect(output[0].json).toEqual({ documentId: DOC_ID, context: 'user-4711', folderId: 'fld-acme', fileName: 'ACME INV-1001', stored: true });
		expect(log[0].headers['content-type']).toBe('application/json');
		expect(JSON.parse(log[0].body.toString('utf8'))).toEqual({ context: 'user-4711', folder_id: 'fld-acme', file_name: 'ACME INV-1001' });
	});

	it('leaves the file name out when none is given, and accepts a 200 with a body', async () => {
		aluma().post(`/documents/${DOC_ID}/suggestion_results`, (body: object) => JSON.stringify(body) === '{"context":"u","folder_id":"f1"}').reply(200, { stored: true });

		expect(expectSuccess(await contract.run({ parameters: params('storeSuggestionResult', { documentId: DOC_ID, context: 'u', folderId: 'f1' }) }))[0].json).toMatchObject({
			fileName: null,
			stored: true,
		});
	});

	it('is not resent after a gateway error, since Aluma may have learnt from it already', async () => {
		const log: RecordedRequest[] = [];
		aluma().post(`/documents/${DOC_ID}/suggestion_results`).reply(recordAndReply(log, 502, 'Bad Gateway'));

		expect(failureOf(await contract.run({ parameters: params('storeSuggestionResult', { documentId: DOC_ID, context: 'u', folderId: 'f1' }) }))).toMatchObject({
			httpCode: '502',
		});
		expect(log).toHaveLength(1);
	});

	it('refuses a Folder ID that comes out empty before any request', async () => {
		const parameters = params('storeSuggestionResult', { documentId: DOC_ID, context: 'u', folderId: '={{ $json.chosenFolder }}' });
		expect(failureOf(await contract.run({ parameters, items: [{ json: {} }] }))).toMatchObject({
			name: 'NodeOperationError',
			message: 'The parameter "Folder ID" is empty',
		});
	});
});

describe('Suggest File Name and Folder', () => {
	const bytes = fixture('invoice.pdf');
	const created = {
		id: DOC_ID,
		_embedded: { files: [{ id: 'f', file_type: 'PDF:Misc', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }] },
	};

	it('uploads the file, asks for suggestions and deletes the document', async () => {
		const scope = aluma()
			.post('/documents', bytes)
			.reply(201, created)
			.post(`/documents/${DOC_ID}/suggestions`, { context: 'user-4711' })
			.reply(200, ANSWER)
			.delete(`/documents/${DOC_ID}`)
			.reply(204);

		const output = expectSuccess(await contract.run({ parameters: params('suggestFileNameAndFolder', { context: 'user-4711' }), items: [fileItem('invoice.pdf')] }));

		expect(output.map((item) => item.json)).toEqual([{ fileName: 'invoice.pdf', fileType: 'PDF:Misc', context: 'user-4711', ...SIMPLIFIED }]);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		scope.done();
	});

	it('still deletes the document when Aluma refuses the suggestions', async () => {
		const scope = aluma()
			.post('/documents', bytes)
			.reply(201, created)
			.post(`/documents/${DOC_ID}/suggestions`)
			.reply(400, problem(400, 'No Document ID is specified or no context was specified'))
			.delete(`/documents/${DOC_ID}`)
			.reply(204);

		const failure = failureOf(await contract.run({ parameters: params('suggestFileNameAndFolder', { context: 'u' }), items: [fileItem('invoice.pdf')] }));

		expect(failure).toMatchObject({ httpCode: '400', itemIndex: 0 });
		scope.done();
	});
});
