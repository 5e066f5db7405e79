/**
 * Document → Classify (a document already in Aluma) and Classify File (upload, classify, delete)
 * in n8n's engine against the fake Aluma server, with the seeded classifier "mailroom".
 *
 * Run: npx jest test/workflow/document/classify.test.ts
 */
import { apiCalls, byName, expectSuccess, fileItem, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { documentParams, withDocuments } from '../../support/documents';

const aluma = useFakeAluma();

describe('Classify', () => {
	it('returns the simplified classification by default', async () => {
		await withDocuments(aluma, ['invoice.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: documentParams('classify', { documentId: id, classifier: byName('mailroom') }) });

			expect(jsonOf(result)).toEqual([
				{
					documentId: id,
					classifier: 'mailroom',
					documentType: 'Invoice',
					isConfident: true,
					relativeConfidence: expect.any(Number),
					topScores: [
						{ documentType: 'Invoice', score: expect.any(Number) },
						{ documentType: 'Letter', score: expect.any(Number) },
						{ documentType: 'Purchase Order', score: 0 },
					],
				},
			]);
			const scores = (jsonOf(result)[0].topScores as Array<{ score: number }>).map((entry) => entry.score);
			expect(scores[0]).toBeGreaterThan(scores[1]);
			expect(scores[0] + scores[1]).toBeCloseTo(100, 2);
			const classify = apiCalls(aluma.fake).find((call) => call.route.includes('classify'));
			expect(classify).toMatchObject({ method: 'POST', path: `/documents/${id}/classify/mailroom`, status: 200 });
		});
	});

	it("returns Aluma's raw result when Simplify is off", async () => {
		await withDocuments(aluma, ['purchase-order.pdf'], async ([id]) => {
			const result = await aluma.run({
				parameters: documentParams('classify', { documentId: id, classifier: byName('mailroom'), simplify: false }),
			});

			const [json] = jsonOf(result);
			expect(json).toEqual({
				documentId: id,
				document_id: id,
				classification_results: expect.objectContaining({ document_type: 'Purchase Order', is_confident: true }),
			});
		});
	});

	it('reports an unconfident classification as such', async () => {
		await withDocuments(aluma, ['ambiguous.pdf'], async ([id]) => {
			const result = await aluma.run({ parameters: documentParams('classify', { documentId: id, classifier: byName('mailroom') }) });

			expect(jsonOf(result)[0]).toMatchObject({ isConfident: false, relativeConfidence: 1 });
		});
	});
});

describe('Classify File', () => {
	it.each(['memory', 'filesystem'] as const)('classifies each file and deletes its document (%s binary mode)', async (binaryMode) => {
		const names = ['invoice.pdf', 'purchase-order.pdf', 'letter.pdf', 'notes.txt'];

		const result = await aluma.run({
			parameters: documentParams('classifyFile', { classifier: byName('mailroom') }),
			items: names.map((name) => fileItem(name)),
			binaryMode,
		});

		const output = expectSuccess(result);
		expect(output.map((item) => [item.json.fileName, item.json.documentType, item.json.isConfident, item.pairedItem])).toEqual([
			['invoice.pdf', 'Invoice', true, { item: 0 }],
			['purchase-order.pdf', 'Purchase Order', true, { item: 1 }],
			['letter.pdf', 'Letter', true, { item: 2 }],
			['notes.txt', 'Letter', true, { item: 3 }],
		]);
		expect(output[0].json).toMatchObject({ fileType: 'PDF:Misc', classifier: 'mailroom' });
		// The document is deleted when the step ends: its ID is not presented as usable.
		expect(output.map((item) => item.json.documentId)).toEqual([undefined, undefined, undefined, undefined]);
		const stats = aluma.fake.stats();
		expect([stats.documentsCreated, stats.documentsDeleted]).toEqual([4, 4]);
	});

	it('classifies with a classifier chosen from the list', async () => {
		const result = await aluma.run({
			parameters: documentParams('classifyFile', { classifier: { __rl: true, mode: 'list', value: 'mailroom' }, simplify: false }),
			items: [fileItem('invoice.pdf')],
		});

		expect(jsonOf(result)[0]).toMatchObject({
			fileName: 'invoice.pdf',
			classification_results: expect.objectContaining({ document_type: 'Invoice' }),
		});
	});
});
