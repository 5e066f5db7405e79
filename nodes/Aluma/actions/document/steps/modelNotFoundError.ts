import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { getDocument } from '../../../transport/documents';
import { modelNotFound } from '../../../transport/models';

export interface ModelChoice {
	kind: 'classifier' | 'extractor';
	name: string;
	/** The parameter the name came from, e.g. "Classifier". */
	label: string;
}

/**
 * Aluma answers 404 both for an unknown classifier or extractor and for a missing document. When the
 * document is there, the name is what is wrong: say so, naming the parameter and the item.
 */
export async function modelNotFoundError(
	ctx: IExecuteFunctions,
	error: unknown,
	model: ModelChoice,
	documentId: string,
	itemIndex: number,
): Promise<Error> {
	if (!(error instanceof NodeApiError) || error.httpCode !== '404') return error as Error;
	const documentExists = await getDocument(ctx, documentId, { itemIndex }).then(
		() => true,
		() => false,
	);
	if (!documentExists) return error;
	return new NodeOperationError(ctx.getNode(), modelNotFound(model.kind, model.name, model.label), {
		description: `Pick the ${model.kind} from the list, or check the spelling of its name`,
		itemIndex,
	});
}
