/** Aluma's classifiers, extractors and modules (reference §A6–A7). */
import type { IDataObject } from 'n8n-workflow';

import { alumaRequest } from './request';
import { ROUTES } from './routes';
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

export async function listClassifiers(ctx: AlumaContext, itemIndex?: number): Promise<NamedModel[]> {
	const { body } = await alumaRequest(ctx, { route: ROUTES.listClassifiers, what: 'list the classifiers', itemIndex });
	return namedList(body, 'classifiers');
}

export async function listExtractors(ctx: AlumaContext, itemIndex?: number): Promise<NamedModel[]> {
	const { body } = await alumaRequest(ctx, { route: ROUTES.listExtractors, what: 'list the extractors', itemIndex });
	return namedList(body, 'extractors');
}
