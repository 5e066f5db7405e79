/** Plain dropdowns (used inside collections, where a resource locator cannot go). */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { searchExtractors } from './listSearch';

export async function getExtractors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchExtractors.call(this);
	return results.map(({ name, value }) => ({ name, value: String(value) }));
}
