/** Field definitions shared by the Classifier operations, so each reads the same everywhere. */
import type { INodeProperties } from 'n8n-workflow';

import { modelLocator } from '../parameters';

export const classifierLocator = modelLocator('classifier', 'searchClassifiers');

/** The name of a classifier the operation creates. */
export const classifierNameField: INodeProperties = {
	displayName: 'Classifier Name',
	name: 'classifierName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. mailroom',
	description: 'Letters, digits, ".", "_" or "-"',
};

/** The input file field; the hint says what the file must hold for the operation. */
export const binaryField = (hint: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint,
});
