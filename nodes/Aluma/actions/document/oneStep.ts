/**
 * Builds the one-step "… File" operations: upload (or import) the item's file, run one or more
 * steps on it, and delete the document in every case. These are what most workflows and AI
 * agents use, because nothing is left behind in Aluma.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SourceInfo } from '../../helpers/temporaryDocument';
import { resolveSource, withTemporaryDocument } from '../../helpers/temporaryDocument';
import type { AlumaDocument } from '../../transport/documents';
import type { AlumaOperation } from '../operation';
import type { ProcessingOptions } from './fields';
import { concurrencyFrom, concurrencyOption, processingOptions, sourceFields, timeoutOption } from './fields';

export interface OneStepContext {
	itemIndex: number;
	document: AlumaDocument;
	source: SourceInfo;
	options: ProcessingOptions;
	/** Fields every output item of a one-step operation carries. */
	fileInfo: IDataObject;
}

export interface OneStepDefinition<Checked = undefined> {
	operation: string;
	properties: INodeProperties[];
	/** The operation's own entries in its Options collection. */
	options?: INodeProperties[];
	/** Checks that need only the parameters and the file, run before anything is uploaded; what it returns goes to `run`. */
	precheck?: (ctx: IExecuteFunctions, itemIndex: number, source: SourceInfo) => Checked | Promise<Checked>;
	run: (ctx: IExecuteFunctions, step: OneStepContext, checked: Checked) => Promise<INodeExecutionData[]>;
}

export function oneStepOperation<Checked = undefined>(definition: OneStepDefinition<Checked>): AlumaOperation {
	const properties: INodeProperties[] = [
		...sourceFields,
		...definition.properties,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [concurrencyOption, timeoutOption, ...(definition.options ?? [])],
		},
	];
	const displayOptions = { show: { resource: ['document'], operation: [definition.operation] } };
	return {
		description: updateDisplayOptions(displayOptions, properties),
		concurrency: concurrencyFrom,
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const options = processingOptions(this, itemIndex);
			const source = await resolveSource(this, itemIndex);
			const checked = (await definition.precheck?.(this, itemIndex, source)) as Checked;
			return await withTemporaryDocument(this, itemIndex, source, {}, async (document) => {
				const fileInfo = { fileName: source.fileName, fileType: document._embedded?.files?.[0]?.file_type ?? null };
				const step: OneStepContext = { itemIndex, document, source, options, fileInfo };
				return await definition.run(this, step, checked);
			});
		},
	};
}
