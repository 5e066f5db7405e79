/**
 * The suggestion operations in n8n's engine against the fake Aluma server: the learning loop a
 * workflow builds step by step (suggest, store the folder chosen, suggest again for the same end
 * user), and the one-step operation that leaves nothing behind.
 *
 * Run: npx jest test/workflow/document/suggestions.test.ts
 */
import { expectSuccess, failureOf, fileItem, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { documentParams, withDocuments } from '../../support/documents';

const aluma = useFakeAluma();

const suggest = (documentId: string, context: string) => documentParams('generateSuggestions', { documentId, context });
const ELEMENTS = { document_type: 'Invoice', supplier: 'ACME Supplies Ltd', reference: 'INV-1001', date: '2026-11-02' };

describe('Generate Suggestions → Store Suggestion Result', () => {
	it('learns the folder an end user chose, for that user only', async () => {
		await withDocuments(aluma, ['invoice.pdf', 'invoice.pdf'], async ([first, second]) => {
			const before = jsonOf(await aluma.run({ parameters: suggest(first, 'user-4711') }))[0];
			expect(before).toEqual({
				documentId: first,
				context: 'user-4711',
				suggestedFileName: '2026-11-02 ACME Supplies Ltd INV-1001',
				suggestedFolderId: null,
				suggestedFolderReason: null,
				alternativeFileName: 'Invoice INV-1001',
				alternativeFolderId: null,
				alternativeFolderReason: null,
				elements: ELEMENTS,
			});

			const stored = await aluma.run({
				parameters: documentParams('storeSuggestionResult', { documentId: first, context: 'user-4711', folderId: 'fld-acme', fileName: '={{ $json.suggestedFileName }}' }),
				items: [{ json: before }],
			});
			expect(jsonOf(stored)).toEqual([{ documentId: first, context: 'user-4711', folderId: 'fld-acme', fileName: '2026-11-02 ACME Supplies Ltd INV-1001', stored: true }]);
			expect(aluma.fake.state.suggestionResults).toEqual([{ document_id: first, context: 'user-4711', folder_id: 'fld-acme', file_name: '2026-11-02 ACME Supplies Ltd INV-1001' }]);

			expect(jsonOf(await aluma.run({ parameters: suggest(second, 'user-4711') }))[0]).toMatchObject({ suggestedFolderId: 'fld-acme', suggestedFolderReason: 'learnt' });
			expect(jsonOf(await aluma.run({ parameters: suggest(second, 'user-0815') }))[0]).toMatchObject({ suggestedFolderId: null });
		});
	});

	it('says which Document ID Aluma does not know', async () => {
		expect(failureOf(await aluma.run({ parameters: suggest('no-such-document', 'u') }))).toMatchObject({
			name: 'NodeApiError',
			message: 'No Aluma document has the ID "no-such-document" (parameter "Document ID")',
			httpCode: '404',
		});
	});
});

describe('Suggest File Name and Folder', () => {
	it('suggests for each file and deletes every document it made', async () => {
		const output = expectSuccess(
			await aluma.run({ parameters: documentParams('suggestFileNameAndFolder', { context: 'user-4711' }), items: [fileItem('invoice.pdf'), fileItem('letter.pdf')] }),
		);

		// A letter has no date, supplier or reference for a file name: only its type, as the alternative.
		expect(output.map((item) => [item.json.fileName, item.json.suggestedFileName, item.json.alternativeFileName, item.pairedItem])).toEqual([
			['invoice.pdf', '2026-11-02 ACME Supplies Ltd INV-1001', 'Invoice INV-1001', { item: 0 }],
			['letter.pdf', null, 'Letter', { item: 1 }],
		]);
		const stats = aluma.fake.stats();
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([2, 2]);
	});
});
