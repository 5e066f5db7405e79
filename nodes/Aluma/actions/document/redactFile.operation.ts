import { isRedactable, isRedactableMime } from '../../helpers/documentOutput';
import { oneStepOperation } from './oneStep';
import { redactPlan, redactProperties, refuseUnredactable, runRedact } from './redaction';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'redactFile',
	properties: redactProperties,
	// Everything that can be refused without Aluma is refused before the upload.
	precheck: (ctx, itemIndex, source) => {
		const plan = redactPlan(ctx, itemIndex);
		const isBinary = ctx.getNodeParameter('source', itemIndex, 'binary') === 'binary';
		if (isBinary && !isRedactableMime(source.mimeType)) refuseUnredactable(ctx, itemIndex, `this one is a ${source.mimeType} file`);
		return plan;
	},
	run: async (ctx, { itemIndex, document, source, options, fileInfo }, plan) => {
		if (!isRedactable(fileInfo.fileType)) refuseUnredactable(ctx, itemIndex, `this one is of type ${String(fileInfo.fileType ?? 'unknown')}`);
		const item = await runRedact(ctx, itemIndex, document.id, source.fileName, options, plan);
		return [{ ...item, json: { ...fileInfo, ...item.json } }];
	},
});
