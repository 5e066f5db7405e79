/**
 * Module → Get Many in n8n's engine against the fake Aluma server's module catalogue.
 *
 * Run: npx jest test/workflow/models/module.test.ts
 */
import { MODULES } from '../../fake-aluma/catalog';
import { jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { params, requestLines } from '../../support/tasks';

const aluma = useFakeAluma();

interface CatalogModule {
	id: string;
	name: string;
	summary: string;
	fields: Array<{ name: string; description: string }>;
	parameters: Array<{ id: string; name: string; type: string; description: string; required: boolean }>;
}

describe('Get Many', () => {
	it('returns every module with its ID, name, summary, fields and parameters', async () => {
		const result = await aluma.run({ parameters: params('module', 'getAll') });

		const catalog = MODULES as CatalogModule[];
		expect(jsonOf(result)).toEqual(
			catalog.map((module) => ({
				id: module.id,
				name: module.name,
				summary: module.summary,
				fields: module.fields,
				parameters: module.parameters,
			})),
		);
		expect(jsonOf(result).find((module) => module.id === 'aluma.invoice_type')).toEqual({
			id: 'aluma.invoice_type',
			name: 'Invoice type',
			summary: 'Tells invoices from credit and debit notes.',
			fields: [{ name: 'Invoice Type', description: 'Invoice, Credit Note or Debit Note' }],
			parameters: [
				{ id: 'receiving_country', name: 'Receiving country', type: 'string', description: 'United Kingdom or Germany', required: true },
				{ id: 'allow_debit_notes', name: 'Allow debit notes', type: 'boolean', description: 'Whether debit notes are accepted', required: false },
				{ id: 'allow_claim_notes', name: 'Allow claim notes', type: 'boolean', description: 'Whether claim notes are accepted', required: false },
			],
		});
		expect(requestLines(aluma.fake)).toEqual(['GET /modules']);
	});

	it('lists the modules once per input item', async () => {
		const result = await aluma.run({ parameters: params('module', 'getAll'), items: [{ json: {} }, { json: {} }] });

		expect(jsonOf(result)).toHaveLength(MODULES.length * 2);
		expect(result.outputs[0].map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			...Array<number>(MODULES.length).fill(0),
			...Array<number>(MODULES.length).fill(1),
		]);
	});
});
