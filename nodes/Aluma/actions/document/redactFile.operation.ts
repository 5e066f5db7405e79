import { isRedactable, isRedactableMime } from '../../helpers/documentOutput';
import { oneStepOperation } from './oneStep';
import { redactProperties, refuseUnredactable, runRedact } from './redact.operation';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'redactFile',
	properties: redactProperties,
	// A binary file's type is known before upload; refuse early so nothing is sent for nothing.
	precheck: (ctx, itemIndex, source) => {
		const isBinary = ctx.getNodeParameter('source', itemIndex, 'binary') === 'binary';
		if (isBinary && !isRedactableMime(source.mimeType)) refuseUnredactable(ctx, itemIndex, `a ${source.mimeType} file`);
	},
	run: async (ctx, { itemIndex, document, source, options, fileInfo }) => {
		if (!isRedactable(fileInfo.fileType)) refuseUnredactable(ctx, itemIndex, `of type ${String(fileInfo.fileType ?? 'unknown')}`);
		const item = await runRedact(ctx, itemIndex, document.id, source.fileName, options);
		return [{ ...item, json: { ...fileInfo, ...item.json } }];
	},
});
