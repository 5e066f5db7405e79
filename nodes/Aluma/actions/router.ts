/**
 * The item loop, once for every operation: dispatch, bounded concurrency, input order,
 * pairedItem, continueOnFail and the item index on every error.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runsAsTool } from '../helpers/agentOutput';
import { withoutLinks } from '../helpers/resourceOutput';
import { runLimited } from '../helpers/concurrency';
import { isStopped, stoppedError } from '../transport/stop';
import { outputShape } from './outputFields';
import { operationFor } from './node.type';
import type { AlumaOperation } from './operation';

function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: JsonObject = { error: error.message };
	const { description, httpCode } = error as { description?: unknown; httpCode?: unknown };
	if (typeof description === 'string' && description) json.description = description;
	if (typeof httpCode === 'string' && httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/** Best effort: the error that stopped the run is what the user must see, not a cleanup failure. */
async function undoCompletedItems(ctx: IExecuteFunctions, operation: AlumaOperation, results: INodeExecutionData[][]): Promise<void> {
	const undo = operation.undo;
	if (!undo) return;
	const completed = results.flatMap((output, itemIndex) => (output ? [{ output, itemIndex }] : []));
	await runLimited(completed.length, 4, async (index) => {
		const { output, itemIndex } = completed[index];
		await undo.call(ctx, output, itemIndex).catch((error: unknown) => {
			ctx.logger.warn(`Aluma: could not undo item ${itemIndex} after the run failed: ${(error as Error).message}`);
		});
	});
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationFor(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for "${resource}"`, {
			description: 'Choose an operation from the list. For any other Aluma endpoint use the API Request resource.',
		});
	}
	const concurrency = operation.concurrency ? operation.concurrency(this) : 1;
	const results: INodeExecutionData[][] = new Array(items.length);
	const forAgent = runsAsTool(this.getNode());
	// Every error that stops the run went through withItemIndex: a NodeApiError or NodeOperationError.
	const stoppedBy = await runLimited(items.length, concurrency, async (itemIndex) => {
		try {
			// After the user stops the run, items not yet started are not started at all.
			if (isStopped(this)) throw stoppedError(this.getNode(), `run item ${itemIndex + 1}`, itemIndex);
			const output = await operation.execute.call(this, itemIndex);
			const shape = operation.simplifiesOutput ? outputShape(this, itemIndex) : (json: IDataObject) => json;
			results[itemIndex] = output.map((item) => ({ ...item, json: forAgent ? withoutLinks(shape(item.json)) : shape(item.json), pairedItem: { item: itemIndex } }));
		} catch (error) {
			const failure = withItemIndex(this, error, itemIndex);
			// An agent reads a failed call as its result and can correct itself (n8n would hand it an empty one).
			if (!this.continueOnFail() && !forAgent) throw failure;
			results[itemIndex] = [errorItem(failure, itemIndex)];
		}
	}).then(
		() => undefined,
		(failure: unknown) => failure as NodeApiError | NodeOperationError,
	);
	// A stopped run's output is discarded by n8n, Continue On Fail or not: undo what it created too.
	if (stoppedBy || isStopped(this)) {
		await undoCompletedItems(this, operation, results);
		throw stoppedBy ?? stoppedError(this.getNode(), 'finish the step');
	}
	return [results.flat()];
}
