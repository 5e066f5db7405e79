/** Aluma's classifiers, extractors and modules. */
import type { IDataObject } from 'n8n-workflow';

import { parseJsonObject } from '../../../shared/jsonBody';
import type { AlumaRequest, BodyFactory } from './request';
import { alumaRequest } from './request';
import { MEDIA_TYPES, ROUTES } from './routes';
import type { AlumaContext } from './tokenSession';

export interface NamedModel extends IDataObject {
	name: string;
}

function namedList(body: unknown, key: string): NamedModel[] {
	const list = (body as IDataObject | undefined)?.[key];
	return Array.isArray(list)
		? (list as IDataObject[]).filter((entry) => typeof entry?.name === 'string').map((entry) => entry as NamedModel)
		: [];
}

/**
 * Creating, uploading and adding samples succeed with an answer whose body Aluma does not document
 * (its Waives-era clients ignored it): JSON, or nothing at all. An empty success answer is success,
 * not "an empty answer" error, which would tell the user it failed when the change was made.
 */
async function writeRequest(ctx: AlumaContext, request: AlumaRequest): Promise<IDataObject> {
	const { body } = await alumaRequest<string>(ctx, { ...request, responseType: 'text' });
	return (parseJsonObject(body) as IDataObject | undefined) ?? {};
}

/**
 * What a 404 for a model means, naming the parameter it came from; operations on an existing
 * model pick it with the "Classifier" / "Extractor" locator.
 */
export function modelNotFound(kind: 'classifier' | 'extractor', name: string, label = kind === 'classifier' ? 'Classifier' : 'Extractor'): string {
	return `Aluma has no ${kind} named "${name}" (parameter "${label}")`;
}

export async function listClassifiers(ctx: AlumaContext, itemIndex?: number): Promise<NamedModel[]> {
	const { body } = await alumaRequest(ctx, { route: ROUTES.listClassifiers, what: 'list the classifiers', itemIndex });
	return namedList(body, 'classifiers');
}

export async function listExtractors(ctx: AlumaContext, itemIndex?: number): Promise<NamedModel[]> {
	const { body } = await alumaRequest(ctx, { route: ROUTES.listExtractors, what: 'list the extractors', itemIndex });
	return namedList(body, 'extractors');
}

/** Creates an empty classifier, or one from a trained `.clf` file when `file` is given. */
export async function createClassifier(
	ctx: AlumaContext,
	classifierName: string,
	file?: { body: BodyFactory; byteLength: number },
	itemIndex?: number,
): Promise<IDataObject> {
	return await writeRequest(ctx, {
		route: ROUTES.createClassifier,
		params: { classifierName },
		headers: file ? { 'Content-Type': MEDIA_TYPES.classifierZip, 'Content-Length': file.byteLength } : undefined,
		body: file?.body,
		what: file ? `upload the classifier "${classifierName}"` : `create the classifier "${classifierName}"`,
		itemIndex,
	});
}

export async function addClassifierSamples(
	ctx: AlumaContext,
	classifierName: string,
	zip: { body: BodyFactory; byteLength: number },
	itemIndex?: number,
): Promise<IDataObject> {
	return await writeRequest(ctx, {
		route: ROUTES.addClassifierSamples,
		params: { classifierName },
		headers: { 'Content-Type': MEDIA_TYPES.zip, 'Content-Length': zip.byteLength },
		body: zip.body,
		what: `train the classifier "${classifierName}" from the samples zip`,
		notFound: modelNotFound('classifier', classifierName),
		itemIndex,
	});
}

export async function addClassifierSample(
	ctx: AlumaContext,
	classifierName: string,
	documentType: string,
	file: { body: BodyFactory; byteLength: number; mimeType: string },
	itemIndex?: number,
): Promise<IDataObject> {
	return await writeRequest(ctx, {
		route: ROUTES.addClassifierSample,
		params: { classifierName, documentType },
		headers: { 'Content-Type': file.mimeType, 'Content-Length': file.byteLength },
		body: file.body,
		what: `add a "${documentType}" sample to the classifier "${classifierName}"`,
		notFound: modelNotFound('classifier', classifierName),
		itemIndex,
	});
}

/** Route parameters of a model, as the routes name them. */
const modelParams = (kind: 'classifier' | 'extractor', name: string): Record<string, string> =>
	kind === 'classifier' ? { classifierName: name } : { extractorName: name };

export async function getModel(
	ctx: AlumaContext,
	kind: 'classifier' | 'extractor',
	name: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const { body } = await alumaRequest<IDataObject>(ctx, {
		route: kind === 'classifier' ? ROUTES.getClassifier : ROUTES.getExtractor,
		params: modelParams(kind, name),
		what: `get the ${kind} "${name}"`,
		notFound: modelNotFound(kind, name),
		itemIndex,
	});
	return body;
}

/** Creates an extractor from a modules template (JSON) or from a configuration file (bytes). */
export async function createExtractor(
	ctx: AlumaContext,
	extractorName: string,
	definition: { template: IDataObject } | { file: { body: BodyFactory; byteLength: number } },
	itemIndex?: number,
): Promise<IDataObject> {
	const isTemplate = 'template' in definition;
	return await writeRequest(ctx, {
		route: ROUTES.createExtractor,
		params: { extractorName },
		json: isTemplate ? definition.template : undefined,
		headers: isTemplate
			? undefined
			: { 'Content-Type': 'application/octet-stream', 'Content-Length': definition.file.byteLength },
		body: isTemplate ? undefined : definition.file.body,
		what: `create the extractor "${extractorName}"`,
		itemIndex,
	});
}

export async function deleteModel(
	ctx: AlumaContext,
	kind: 'classifier' | 'extractor',
	name: string,
	itemIndex?: number,
): Promise<void> {
	await alumaRequest(ctx, {
		route: kind === 'classifier' ? ROUTES.deleteClassifier : ROUTES.deleteExtractor,
		params: modelParams(kind, name),
		responseType: 'none',
		what: `delete the ${kind} "${name}"`,
		notFound: modelNotFound(kind, name),
		itemIndex,
	});
}

export interface AlumaModule extends IDataObject {
	id: string;
	name?: string;
}

export async function listModules(ctx: AlumaContext, itemIndex?: number): Promise<AlumaModule[]> {
	const { body } = await alumaRequest<IDataObject>(ctx, { route: ROUTES.listModules, what: 'list the modules', itemIndex });
	const modules = body?.modules;
	return Array.isArray(modules) ? (modules as AlumaModule[]).filter((entry) => typeof entry?.id === 'string') : [];
}
