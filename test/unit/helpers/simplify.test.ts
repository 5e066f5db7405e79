import { readExtraction, simplifyClassification, simplifyExtraction, tableRows } from '../../../nodes/Aluma/helpers/simplify';

const classification = {
	document_id: 'doc1',
	classification_results: {
		document_type: 'Assignment of Deed of Trust',
		relative_confidence: 2.855,
		is_confident: true,
		document_type_scores: [
			{ document_type: 'Notice of Default', score: 32.94312 },
			{ document_type: 'Assignment of Deed of Trust', score: 61.4187 },
			{ document_type: 'Letter', score: 5 },
			{ document_type: 'Other', score: 1 },
		],
	},
};

describe('simplifyClassification', () => {
	it('keeps the type, the confidence and the top scores in order', () => {
		expect(simplifyClassification(classification)).toEqual({
			documentType: 'Assignment of Deed of Trust',
			isConfident: true,
			relativeConfidence: 2.855,
			topScores: [
				{ documentType: 'Assignment of Deed of Trust', score: 61.4187 },
				{ documentType: 'Notice of Default', score: 32.94312 },
				{ documentType: 'Letter', score: 5 },
			],
		});
	});

	it('tolerates missing parts', () => {
		expect(simplifyClassification({})).toEqual({ documentType: null, isConfident: false, relativeConfidence: null, topScores: [] });
	});
});

const field = (name: string, result: object | null, extra: object = {}) => ({
	field_name: name,
	rejected: false,
	reject_reason: 'None',
	result,
	alternatives: null,
	tabular_results: null,
	...extra,
});

const extraction = {
	field_results: [
		field('Amount', { text: '$5.50', value: 5.5, rejected: false, reject_reason: 'None', areas: [] }),
		field('Reference', { text: 'ABC-1', value: null }),
		field('Due Date', null, { rejected: true, reject_reason: 'Empty' }),
		field('Line Items', null, {
			tabular_results: {
				rows: [
					{ cells: [{ column_name: 'Description', text: 'Paper' }, { column_name: 'Amount', text: '2.00', value: 2 }] },
					{ cells: [{ column_name: 'Description', text: 'Ink' }, { column_name: 'Amount', text: '3.50', value: 3.5 }] },
				],
			},
		}),
	],
	document: { page_count: 1, pages: [{ page_number: 1, width: 611, height: 1008 }] },
};

describe('simplifyExtraction', () => {
	it('gives one key per field (typed value first, else text) and lists rejected fields with reasons', () => {
		expect(simplifyExtraction(extraction)).toEqual({
			Amount: 5.5,
			Reference: 'ABC-1',
			'Due Date': null,
			'Line Items': [
				{ Description: 'Paper', Amount: 2 },
				{ Description: 'Ink', Amount: 3.5 },
			],
			rejectedFields: [{ field: 'Due Date', reason: 'Empty' }],
		});
	});

	it('returns only the selected fields', () => {
		expect(simplifyExtraction(extraction, ['Amount', 'Due Date'])).toEqual({
			Amount: 5.5,
			'Due Date': null,
			rejectedFields: [{ field: 'Due Date', reason: 'Empty' }],
		});
	});

	it('reads the older page_sizes name and plain-object table rows', () => {
		const legacy = { field_results: [field('T', null, { tabular_results: [{ a: 1 }, { a: 2 }] })], page_sizes: { page_count: 3 } };
		const view = readExtraction(legacy);
		expect(view.pageCount).toBe(3);
		expect(view.tables.T).toEqual([{ a: 1 }, { a: 2 }]);
		expect(tableRows({ tabular_results: null })).toEqual([]);
	});
});
