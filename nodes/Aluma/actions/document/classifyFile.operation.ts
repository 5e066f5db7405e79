import { classifyProperties, runClassify } from './steps/classification';
import { locatorValue } from '../parameters';
import { oneStepOperation } from './oneStepOperation';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'classifyFile',
	properties: classifyProperties,
	precheck: (ctx, itemIndex) => locatorValue(ctx, 'classifier', 'Classifier', itemIndex),
	run: async (ctx, { itemIndex, document, options, fileInfo }, classifier) => [
		{ json: { ...fileInfo, ...(await runClassify(ctx, itemIndex, document.id, options, classifier)) } },
	],
});
