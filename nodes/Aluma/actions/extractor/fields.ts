/** Field definitions shared by the Extractor operations, so each reads the same everywhere. */
import type { INodeProperties } from 'n8n-workflow';

import { modelLocator } from '../parameters';

export const extractorLocator = modelLocator('extractor', 'searchExtractors');

/** The name of an extractor the operation creates. */
export const extractorNameField: INodeProperties = {
	displayName: 'Extractor Name',
	name: 'extractorName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. invoices-uk',
	description: 'Letters, digits, ".", "_" or "-"',
};
