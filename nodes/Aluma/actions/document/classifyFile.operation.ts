import { classifyProperties, runClassify } from './classify.operation';
import { oneStepOperation } from './oneStep';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'classifyFile',
	properties: classifyProperties,
	run: async (ctx, { itemIndex, document, options, fileInfo }) => [
		{ json: { ...fileInfo, ...(await runClassify(ctx, itemIndex, document.id, options)) } },
	],
});
