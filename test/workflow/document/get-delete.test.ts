/**
 * Document → Get, Get Many and Delete in n8n's engine against the fake Aluma server.
 *
 * Run: npx jest test/workflow/document/get-delete.test.ts
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiCalls, expectSuccess, failureOf, fixture, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { createDocuments, deleteDocuments, documentParams, withDocuments } from '../../support/documents';

const aluma = useFakeAluma();

describe('Get', () => {
	it('returns the document with its first file flattened', async () => {
		await withDocuments(aluma, ['scan.tiff'], async ([id]) => {
			const result = await aluma.run({ parameters: documentParams('get', { documentId: id }) });

			expect(jsonOf(result)).toEqual([
				{
					id,
					fileType: 'Image:TIFF',
					size: fixture('scan.tiff').length,
					sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
					files: [expect.objectContaining({ file_type: 'Image:TIFF' })],
				},
			]);
		});
	});

	it('reads the document ID of each item from an expression', async () => {
		await withDocuments(aluma, ['invoice.pdf', 'photo.png'], async (ids) => {
			const result = await aluma.run({
				parameters: documentParams('get', { documentId: '={{ $json.documentId }}' }),
				items: ids.map((documentId) => ({ json: { documentId } })),
			});

			expect(expectSuccess(result).map((item) => [item.json.id, item.json.fileType, item.pairedItem])).toEqual([
				[ids[0], 'PDF:Misc', { item: 0 }],
				[ids[1], 'Image:PNG', { item: 1 }],
			]);
		});
	});

	it('says no document has that ID, naming the Document ID parameter and the item', async () => {
		const result = await aluma.run({ parameters: documentParams('get', { documentId: 'AAAAAAAAAAAAAAAAAAAAAA' }) });

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failure.message).toBe('No Aluma document has the ID "AAAAAAAAAAAAAAAAAAAAAA" (parameter "Document ID")');
		expect(failure.httpCode).toBe('404');
		expect(failure.itemIndex).toBe(0);
	});

	it('refuses an empty Document ID before any request', async () => {
		const result = await aluma.run({ parameters: documentParams('get', { documentId: '  ' }) });

		const failure = failureOf(result);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failure.message).toBe('The parameter "Document ID" is empty');
		expect(aluma.fake.requests()).toHaveLength(0);
	});

	it('never lets a Document ID reach another path', async () => {
		const result = await aluma.run({ parameters: documentParams('get', { documentId: '../classifiers' }) });

		expect(failureOf(result).itemIndex).toBe(0);
		// Refused, or sent encoded as one segment of /documents/…: never GET /classifiers.
		expect(apiCalls(aluma.fake).every((call) => call.path.startsWith('/documents/'))).toBe(true);
		expect(aluma.fake.stats().byRoute['GET /classifiers']).toBeUndefined();
	});
});

describe('Get Many', () => {
	it('returns every document with Return All', async () => {
		await withDocuments(aluma, ['invoice.pdf', 'letter.pdf', 'scan.tiff'], async (ids) => {
			const result = await aluma.run({ parameters: documentParams('getAll', { returnAll: true }) });

			const output = expectSuccess(result);
			expect(output.map((item) => item.json.id).sort()).toEqual([...ids].sort());
			expect(output.every((item) => typeof item.json.fileType === 'string')).toBe(true);
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		});
	});

	it('returns at most Limit documents', async () => {
		await withDocuments(aluma, ['invoice.pdf', 'letter.pdf', 'scan.tiff'], async () => {
			const result = await aluma.run({ parameters: documentParams('getAll', { returnAll: false, limit: 2 }) });

			expect(expectSuccess(result)).toHaveLength(2);
		});
	});

	it('returns no items when Aluma holds no documents', async () => {
		const result = await aluma.run({ parameters: documentParams('getAll', { returnAll: true }) });

		expect(expectSuccess(result)).toEqual([]);
		expect(apiCalls(aluma.fake).map((call) => call.route)).toEqual(['GET /documents']);
	});
});

describe('Delete', () => {
	it('deletes the document and says so', async () => {
		const [id] = await createDocuments(aluma, ['invoice.pdf']);

		const result = await aluma.run({ parameters: documentParams('deleteDocument', { documentId: id }) });

		expect(jsonOf(result)).toEqual([{ deleted: true, id, alreadyGone: false }]);
		expect(aluma.fake.stats().liveDocuments).toBe(0);
		expect(apiCalls(aluma.fake).at(-1)).toMatchObject({ method: 'DELETE', path: `/documents/${id}`, status: 204 });
	});

	it('treats a document that is already gone as deleted', async () => {
		const [id] = await createDocuments(aluma, ['invoice.pdf']);
		await deleteDocuments(aluma, [id]);

		const result = await aluma.run({ parameters: documentParams('deleteDocument', { documentId: id }) });

		expect(jsonOf(result)).toEqual([{ deleted: true, id, alreadyGone: true }]);
	});
});
