/**
 * Reads the Validation Results that Complete and Cancel send for a validation. Aluma names the
 * object (Cancel Client Action page) but not its layout; the fields form builds
 * `{documents: [{document_type?, fields: {name: value}}]}` (INFERRED), JSON sends any object.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { jsonParameter } from '../parameters';

interface FieldEntry {
	name?: string;
	value?: unknown;
}

export function readValidationResults(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
	};
	if (ctx.getNodeParameter('validationResultsInput', itemIndex, 'fields') === 'json') {
		const results = jsonParameter(ctx, 'validationResultsJson', itemIndex);
		if (typeof results !== 'object' || results === null || Array.isArray(results)) {
			fail('The parameter "Validation Results (JSON)" is not a JSON object', 'Give an object such as {"documents":[{"document_type":"Invoice","fields":{"Invoice Number":"INV-1001"}}]}');
		}
		return results as IDataObject;
	}
	const documentType = String(ctx.getNodeParameter('validatedDocumentType', itemIndex, '') ?? '').trim();
	const entries = (ctx.getNodeParameter('validatedFields.field', itemIndex, []) as FieldEntry[]) ?? [];
	const fields: IDataObject = {};
	entries.forEach((entry, index) => {
		const name = String(entry.name ?? '').trim();
		if (!name) fail(`Field ${index + 1} has no name (parameter "Fields")`, 'Enter the name of each field as Aluma calls it, e.g. Invoice Number');
		if (name in fields) fail(`The field "${name}" is given twice (parameter "Fields")`, 'Give each field once, with its checked value');
		fields[name] = (entry.value ?? '') as IDataObject[keyof IDataObject];
	});
	return { documents: [{ ...(documentType ? { document_type: documentType } : {}), fields }] };
}
