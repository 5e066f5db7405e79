import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { shapeExtraction } from '../../../nodes/Aluma/actions/document/steps/extraction';

/** Just what shapeExtraction reads: the Output parameters. */
const ctxWith = (parameters: IDataObject) =>
	({
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) => parameters[name] ?? fallback,
		getNode: () => ({ name: 'Aluma' }),
	}) as unknown as IExecuteFunctions;

const field = (name: string, value: unknown) => ({ field_name: name, result: { value, text: String(value) }, tabular_results: null });
const raw = {
	field_results: [
		field('fileName', 'from the document'),
		field('extractor', 'a field'),
		field('rejectedFields', 'a field too'),
		field('rowIndex', 'also a field'),
		{ field_name: 'Lines', result: null, tabular_results: { rows: [{ cells: [{ column_name: 'Amount', value: 5, text: '5.00' }] }] } },
	],
};
const context = { fileName: 'scan.pdf', extractor: 'invoices', fileType: 'PDF:Misc' };

describe('shapeExtraction', () => {
	it('never lets the node\'s own keys overwrite an extracted field of the same name', () => {
		const [item] = shapeExtraction(ctxWith({}), 0, raw, context);

		expect(item.json).toMatchObject({ fileName: 'from the document', extractor: 'a field', rejectedFields: 'a field too', rowIndex: 'also a field', fileType: 'PDF:Misc' });
	});

	it('keeps field names over rowIndex when splitting a table, and hands rows on as plain values', () => {
		const items = shapeExtraction(ctxWith({ splitTableField: 'Lines' }), 0, raw, context);

		expect(items.map((item) => [item.json.rowIndex, item.json.row])).toEqual([['also a field', { Amount: 5 }]]);
	});
});
