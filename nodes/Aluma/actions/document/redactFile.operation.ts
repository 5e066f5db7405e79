import { readFileStart } from '../../binaryInput';
import { SIGNATURE_BYTES, isRedactable, isRedactableContent } from '../../helpers/documentOutput';
import { oneStepOperation } from './oneStepOperation';
import { refuseUnredactable, runRedact } from './steps/redaction';
import { redactOptions, redactProperties } from './steps/redactionFields';
import { redactPlan } from './steps/redactionPlan';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'redactFile',
	properties: redactProperties,
	options: redactOptions,
	// Everything that can be refused without Aluma is refused before the upload. The file's own
	// bytes say whether it is a PDF or TIFF; its MIME type is only a label.
	precheck: async (ctx, itemIndex, source) => {
		const plan = redactPlan(ctx, itemIndex);
		if (ctx.getNodeParameter('source', itemIndex, 'binary') !== 'binary') return plan;
		const start = await readFileStart(ctx, itemIndex, 'binaryPropertyName', SIGNATURE_BYTES);
		if (!isRedactableContent(start)) {
			refuseUnredactable(ctx, itemIndex, `the content of "${source.fileName}" is neither (its MIME type says ${source.mimeType})`);
		}
		return plan;
	},
	run: async (ctx, { itemIndex, document, source, options, fileInfo }, plan) => {
		if (!isRedactable(fileInfo.fileType)) refuseUnredactable(ctx, itemIndex, `this one is of type ${String(fileInfo.fileType ?? 'unknown')}`);
		const item = await runRedact(ctx, itemIndex, document.id, source.fileName, options, plan);
		return [{ ...item, json: { ...fileInfo, ...item.json } }];
	},
});
