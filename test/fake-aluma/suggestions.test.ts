/**
 * The fake's Suggestions API (Aluma's public docs): file names, folders and elements per context,
 * Aluma's documented 400 and 404, and the stored results it learns folders from.
 * Run: npx jest test/fake-aluma/suggestions.test.ts
 */
import { useFake } from '../support/fakeFixture';

const aluma = useFake();

describe('suggestions', () => {
	const JSON_TYPE = { 'Content-Type': 'application/json' };
	type Problem = { status: number; title: string; detail: string };

	it('answers primary and alternative file names and folders, and the elements, for a context', async () => {
		const id = await aluma.upload('invoice.pdf');

		const reply = await aluma.api('POST', `/documents/${id}/suggestions`, { headers: JSON_TYPE, body: '{"context":"u1"}' });

		expect(reply.status).toBe(200);
		expect(reply.json()).toEqual({
			document_id: id,
			primary: { file_name: '2026-11-02 ACME Supplies Ltd INV-1001', folder: null },
			alternative: { file_name: 'Invoice INV-1001', folder: null },
			elements: { document_type: 'Invoice', supplier: 'ACME Supplies Ltd', reference: 'INV-1001', date: '2026-11-02' },
		});
	});

	it.each([
		['no body', undefined],
		['a body that is not JSON', 'context=u1'],
		['an empty context', '{"context":"  "}'],
		['a context that is not a string', '{"context":7}'],
		['a JSON array', '["u1"]'],
	])('answers 400 "no context was specified" for %s', async (_, body) => {
		const id = await aluma.upload('invoice.pdf');

		const reply = await aluma.api('POST', `/documents/${id}/suggestions`, { headers: JSON_TYPE, body });

		expect([reply.status, reply.json<Problem>().detail]).toEqual([400, 'No context was specified.']);
	});

	it('answers 404 "The specified Document does not exist" for an unknown document, on both routes', async () => {
		for (const route of ['suggestions', 'suggestion_results']) {
			const reply = await aluma.api('POST', `/documents/nope/${route}`, { headers: JSON_TYPE, body: '{"context":"u1","folder_id":"f"}' });
			expect([reply.status, reply.json<Problem>().title]).toEqual([404, 'The specified Document does not exist']);
		}
	});

	it('stores a result strictly (context and folder_id required, file_name a string) and learns from it per context', async () => {
		const id = await aluma.upload('invoice.pdf');
		const store = (body: string) => aluma.api('POST', `/documents/${id}/suggestion_results`, { headers: JSON_TYPE, body });

		expect((await store('{"context":"u1"}')).json<Problem>().detail).toBe('No folder_id was specified.');
		expect((await store('{"folder_id":"f"}')).json<Problem>().detail).toBe('No context was specified.');
		expect((await store('{"context":"u1","folder_id":"f","file_name":3}')).status).toBe(400);
		expect((await store('{"context":"u1","folder_id":"fld-old"}')).status).toBe(204);
		expect((await store('{"context":"u1","folder_id":"fld-acme","file_name":"a"}')).status).toBe(204);

		const suggest = async (context: string) =>
			(await aluma.api('POST', `/documents/${id}/suggestions`, { headers: JSON_TYPE, body: JSON.stringify({ context }) })).json<Record<string, { folder: unknown }>>();
		const learnt = await suggest('u1');
		expect([learnt.primary.folder, learnt.alternative.folder]).toEqual([
			{ folder_id: 'fld-acme', reason: 'learnt' },
			{ folder_id: 'fld-old', reason: 'learnt' },
		]);
		expect((await suggest('u2')).primary.folder).toBeNull();
		expect(aluma.fake.state.suggestionResults.map((result) => result.folder_id)).toEqual(['fld-old', 'fld-acme']);
	});
});
