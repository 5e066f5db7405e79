import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** What every `<operation>.operation.ts` exports; the router needs nothing else. */
export interface AlumaOperation {
	description: INodeProperties[];
	/** Runs the operation for one input item and returns its output items (pairedItem is added by the router). */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/** How many items may run at once; read once per execution. Defaults to one at a time. */
	concurrency?(ctx: IExecuteFunctions): number;
	/**
	 * Set when the output is Aluma resources: the operation has the Simplify field (version 1.1),
	 * and the router applies it to every output item.
	 */
	simplifiesOutput?: boolean;
	/**
	 * Undoes what one successful item created when the run stops on another item's error: its
	 * output, the only record of what was created, never reaches the next node.
	 */
	undo?(this: IExecuteFunctions, output: INodeExecutionData[], itemIndex: number): Promise<void>;
}
