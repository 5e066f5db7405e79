import { oneStepOperation } from './oneStepOperation';
import { readProperties, runRead } from './steps/reading';

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'readFile',
	properties: readProperties,
	run: async (ctx, { itemIndex, document, source, options, fileInfo }) => {
		const item = await runRead(ctx, itemIndex, document.id, source.fileName, options);
		return [{ ...item, json: { ...fileInfo, ...item.json } }];
	},
});
