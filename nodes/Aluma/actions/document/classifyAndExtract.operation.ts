import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deriveFileName } from '../../helpers/fileNames';
import { isRedactable } from '../../helpers/documentOutput';
import type { SimplifiedClassification } from '../../helpers/simplify';
import { simplifyClassification } from '../../helpers/simplify';
import type { RedactionRequest } from '../../transport/documents';
import { classifyDocument, extractDocument, redactDocument } from '../../transport/documents';
import { locatorName, locatorValue, modelLocator, pathValue } from '../parameters';
import { classifierField } from './steps/classification';
import { extractOutputProperties, shapeExtraction } from './steps/extraction';
import { outputBinaryField, stepCall } from './fields';
import { modelNotFoundError } from './steps/modelNotFoundError';
import type { OneStepContext } from './oneStepOperation';
import { oneStepOperation } from './oneStepOperation';

const extractorPicker = modelLocator('extractor', 'searchExtractors');

const properties: INodeProperties[] = [
	classifierField,
	{
		displayName: 'Extractor per Document Type',
		name: 'extractorMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description: 'Which extractor to run for each document type the classifier can return',
		options: [
			{
				name: 'mapping',
				displayName: 'Mapping',
				values: [
					{
						displayName: 'Document Type',
						name: 'documentType',
						type: 'string',
						default: '',
						placeholder: 'e.g. Invoice',
					},
					{ ...extractorPicker, description: 'The extractor to run on documents of this type' },
				],
			},
		],
	},
	{
		...extractorPicker,
		displayName: 'Fallback Extractor',
		name: 'fallbackExtractor',
		required: false,
		description: 'Extractor for document types without a mapping (and, if chosen below, for unconfident results). Leave empty to skip extraction for them.',
	},
	{
		displayName: 'When Aluma Is Not Confident',
		name: 'whenNotConfident',
		type: 'options',
		options: [
			{ name: 'Extract Anyway', value: 'extract', description: 'Use the extractor mapped to the best guess' },
			{ name: 'Fail the Item', value: 'fail' },
			{ name: 'Skip Extraction', value: 'skip', description: 'Output only the classification' },
			{ name: 'Use the Fallback Extractor', value: 'fallback' },
		],
		default: 'skip',
	},
	...extractOutputProperties,
	{
		displayName: 'Redact Too',
		name: 'alsoRedact',
		type: 'boolean',
		default: false,
		description: 'Whether to also return a PDF with the extracted fields blacked out (PDF and TIFF files only)',
	},
	{ ...outputBinaryField, displayOptions: { show: { alsoRedact: [true] } } },
];

interface MappingEntry {
	documentType?: string;
	/** A resource locator; workflows saved before it was one hold the name as a string. */
	extractor?: string | { value?: unknown };
}

const MAPPING_LABEL = 'Extractor per Document Type';
const FALLBACK_LABEL = 'Fallback Extractor';

interface ExtractorChoices {
	classifier: string;
	mappings: Array<{ documentType: string; extractor: string }>;
	fallback: string;
	whenNotConfident: string;
}

/** The classifier and extractor names the user gave, checked before the upload: each goes into a request path. */
function extractorChoices(ctx: IExecuteFunctions, itemIndex: number): ExtractorChoices {
	const entries = (ctx.getNodeParameter('extractorMapping.mapping', itemIndex, []) as MappingEntry[]) ?? [];
	const name = (value: unknown, label: string) => pathValue(ctx, locatorName(value), label, itemIndex);
	return {
		classifier: locatorValue(ctx, 'classifier', 'Classifier', itemIndex),
		mappings: entries.map((entry) => ({
			documentType: String(entry.documentType ?? '').trim().toLowerCase(),
			extractor: name(entry.extractor, MAPPING_LABEL),
		})),
		fallback: name(ctx.getNodeParameter('fallbackExtractor', itemIndex, '', { extractValue: true }), FALLBACK_LABEL),
		whenNotConfident: ctx.getNodeParameter('whenNotConfident', itemIndex, 'skip') as string,
	};
}

/** Picks the extractor for the classification (and the parameter it came from), or says why there is none. */
function chooseExtractor(
	ctx: IExecuteFunctions,
	itemIndex: number,
	classification: SimplifiedClassification,
	{ mappings, fallback, whenNotConfident }: ExtractorChoices,
): { extractor?: string; label?: string; skipped?: string } {
	const type = (classification.documentType ?? '').trim().toLowerCase();
	const mapped = mappings.find((entry) => entry.documentType === type)?.extractor;
	if (!classification.isConfident) {
		if (whenNotConfident === 'fail') {
			throw new NodeOperationError(ctx.getNode(), `Aluma is not confident about the document type (best guess: ${classification.documentType ?? 'none'})`, {
				description: 'Change "When Aluma Is Not Confident" to handle these documents, or train the classifier with more samples',
				itemIndex,
			});
		}
		if (whenNotConfident === 'skip') return { skipped: 'Aluma is not confident about the document type' };
		if (whenNotConfident === 'fallback') {
			return fallback ? { extractor: fallback, label: FALLBACK_LABEL } : { skipped: 'Aluma is not confident and no fallback extractor is set' };
		}
	}
	if (mapped) return { extractor: mapped, label: MAPPING_LABEL };
	if (fallback) return { extractor: fallback, label: FALLBACK_LABEL };
	return { skipped: `No extractor is mapped to the document type "${classification.documentType ?? ''}"` };
}

async function redactWith(
	ctx: IExecuteFunctions,
	step: OneStepContext,
	extractor: string,
): Promise<INodeExecutionData['binary']> {
	const { itemIndex, document, options, source } = step;
	const call = stepCall(itemIndex, options);
	const request = (await extractDocument(ctx, document.id, extractor, { ...call, redactionRequest: true })) as RedactionRequest;
	const marks = Array.isArray(request.marks) ? request.marks : [];
	const fileName = deriveFileName(source.fileName, '-redacted', 'pdf');
	const field = (ctx.getNodeParameter('outputBinaryField', itemIndex, 'data') as string) || 'data';
	const pdf = await redactDocument(ctx, document.id, { ...request, marks }, fileName, call);
	return { [field]: pdf.binary };
}

export const { description, execute, concurrency } = oneStepOperation({
	operation: 'classifyAndExtract',
	properties,
	precheck: (ctx, itemIndex) => extractorChoices(ctx, itemIndex),
	run: async (ctx, step, choices) => {
		const { itemIndex, document, options, fileInfo } = step;
		const { classifier } = choices;
		const call = stepCall(itemIndex, options);
		const classified = await classifyDocument(ctx, document.id, classifier, call).catch(async (error: unknown) => {
			throw await modelNotFoundError(ctx, error, { kind: 'classifier', name: classifier, label: 'Classifier' }, document.id, itemIndex);
		});
		const classification = simplifyClassification(classified);
		const context: IDataObject = { ...fileInfo, classifier, ...classification };
		const choice = chooseExtractor(ctx, itemIndex, classification, choices);
		if (!choice.extractor) return [{ json: { ...context, extractor: null, extractionSkipped: choice.skipped ?? null } }];
		const extractor = choice.extractor;
		const raw = await extractDocument(ctx, document.id, extractor, call).catch(async (error: unknown) => {
			const model = { kind: 'extractor' as const, name: extractor, label: choice.label ?? MAPPING_LABEL };
			throw await modelNotFoundError(ctx, error, model, document.id, itemIndex);
		});
		const items = shapeExtraction(ctx, itemIndex, raw, { ...context, extractor: choice.extractor });
		if (!(ctx.getNodeParameter('alsoRedact', itemIndex, false) as boolean)) return items;
		if (!isRedactable(fileInfo.fileType)) {
			return items.map((item) => ({ ...item, json: { redactionSkipped: 'Only PDF and TIFF documents can be redacted', ...item.json } }));
		}
		const binary = await redactWith(ctx, step, choice.extractor);
		return items.map((item) => ({ ...item, binary }));
	},
});
