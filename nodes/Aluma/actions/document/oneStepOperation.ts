/**
 * Builds the one-step "… File" operations: upload (or import) the item's file, run one or more
 * steps on it, and delete the document in every case. These are what most workflows and AI
 * agents use, because nothing is left behind in Aluma.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { SourceInfo } from '../../documentLifecycle/sources';
import { resolveSource } from '../../documentLifecycle/sources';
import { withTemporaryDocument } from '../../documentLifecycle/temporaryDocument';
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

type KeepSource = 'none' | 'json' | 'binary' | 'both';

/** As n8n's Extract From File offers it: the input item's fields and/or files, under the result. */
const keepSourceOption: INodeProperties = {
	displayName: 'Keep Source',
	name: 'keepSource',
	type: 'options',
	options: [
		{ name: 'Both', value: 'both', description: 'Keep the input item\'s fields and files' },
		{ name: 'Files', value: 'binary', description: 'Keep the input item\'s binary files' },
		{ name: 'JSON', value: 'json', description: 'Keep the input item\'s fields' },
		{ name: 'Nothing', value: 'none', description: 'Output only the result' },
	],
	default: 'json',
	description: 'What of the input item to keep in the output; the result\'s own keys and files take precedence',
};

/** The temporary document is gone once the step ends: its ID would point nowhere. A field of that name with another value is a result and stays. */
function withoutDeletedId(item: INodeExecutionData, documentId: string): INodeExecutionData {
	if (item.json.documentId !== documentId) return item;
	const json = { ...item.json };
	delete json.documentId;
	return { ...item, json };
}

function withSource(item: INodeExecutionData, input: INodeExecutionData | undefined, keep: KeepSource): INodeExecutionData {
	if (!input || keep === 'none') return item;
	const json = keep === 'json' || keep === 'both' ? { ...input.json, ...item.json } : item.json;
	const binary = keep === 'binary' || keep === 'both' ? { ...input.binary, ...item.binary } : item.binary;
	return { ...item, json, ...(binary && Object.keys(binary).length ? { binary } : {}) };
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
			options: [concurrencyOption, keepSourceOption, timeoutOption, ...(definition.options ?? [])],
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
			let documentId = '';
			const output = await withTemporaryDocument(this, itemIndex, source, {}, async (document) => {
				documentId = document.id;
				const fileInfo = { fileName: source.fileName, fileType: document._embedded?.files?.[0]?.file_type ?? null };
				const step: OneStepContext = { itemIndex, document, source, options, fileInfo };
				return await definition.run(this, step, checked);
			});
			const input = this.getInputData()[itemIndex];
			const keep = this.getNodeParameter('options.keepSource', itemIndex, 'none') as KeepSource;
			return output.map((item) => withSource(withoutDeletedId(item, documentId), input, keep));
		},
	};
}
