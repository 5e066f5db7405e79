import type { IDataObject } from 'n8n-workflow';

import { simplifySuggestions } from '../../../nodes/Aluma/helpers/suggestions';

const ELEMENTS = { supplier: 'ACME Supplies Ltd', reference: 'INV-1001' };
const EXPECTED = {
	suggestedFileName: '2026-11-02 ACME INV-1001',
	suggestedFolderId: 'fld-acme',
	suggestedFolderReason: 'learnt',
	alternativeFileName: 'Invoice INV-1001',
	alternativeFolderId: 'fld-inbox',
	alternativeFolderReason: 'learnt',
	elements: ELEMENTS,
};

describe('simplifySuggestions', () => {
	it.each<[string, IDataObject]>([
		[
			'per suggestion: primary/alternative each with a file name and a folder',
			{
				primary: { file_name: '2026-11-02 ACME INV-1001', folder: { folder_id: 'fld-acme', reason: 'learnt' } },
				alternative: { file_name: 'Invoice INV-1001', folder: { folder_id: 'fld-inbox', reason: 'learnt' } },
				elements: ELEMENTS,
			},
		],
		[
			'per suggestion with the folder fields flattened into it',
			{
				primary: { file_name: '2026-11-02 ACME INV-1001', folder_id: 'fld-acme', reason: 'learnt' },
				alternative: { filename: 'Invoice INV-1001', folder_id: 'fld-inbox', reason: 'learnt' },
				elements: ELEMENTS,
			},
		],
		[
			'per part: file names and folders each with primary/alternative',
			{
				file_names: { primary: '2026-11-02 ACME INV-1001', alternative: 'Invoice INV-1001' },
				folders: { primary: { folder_id: 'fld-acme', reason: 'learnt' }, alternative: { folder_id: 'fld-inbox', reason: 'learnt' } },
				elements: ELEMENTS,
			},
		],
		[
			'flat: primary_file_name, primary_folder and so on',
			{
				primary_file_name: '2026-11-02 ACME INV-1001',
				primary_folder: { folder_id: 'fld-acme', reason: 'learnt' },
				alternative_file_name: 'Invoice INV-1001',
				alternative_folder: { folder_id: 'fld-inbox', reason: 'learnt' },
				elements: ELEMENTS,
			},
		],
	])('reads the layout %s', (_, raw) => {
		expect(simplifySuggestions(raw)).toEqual(EXPECTED);
	});

	it('gives null for every part Aluma leaves null or out, and an empty elements object', () => {
		expect(simplifySuggestions({ primary: { file_name: null, folder: null }, alternative: null })).toEqual({
			suggestedFileName: null,
			suggestedFolderId: null,
			suggestedFolderReason: null,
			alternativeFileName: null,
			alternativeFolderId: null,
			alternativeFolderReason: null,
			elements: {},
		});
	});

	it('keeps the elements as Aluma sends them, whatever their keys', () => {
		const elements = { 'Customer Number': 'C-9', date: { value: '2026-11-02', text: '02/11/2026' } };
		expect(simplifySuggestions({ elements }).elements).toEqual(elements);
	});

	it('reads a folder given only as its ID, and numeric IDs as text', () => {
		expect(simplifySuggestions({ primary: { file_name: 'a', folder: 'fld-1' }, alternative: { folder: { folder_id: 42 } } })).toMatchObject({
			suggestedFolderId: 'fld-1',
			suggestedFolderReason: null,
			alternativeFolderId: '42',
		});
	});
});
