/**
 * Aluma's answers (HAL JSON, snake_case) as the node outputs them. HAL `_links` are navigation for
 * API clients, not facts about the resource; simplified output also uses camelCase keys, as the
 * Document operations do.
 */
import type { IDataObject } from 'n8n-workflow';

/** Keys whose values are keyed by names a user or Aluma's models chose (field names, tags): kept as they are. */
const NAMED_BY_USER = new Set(['fields', 'tags', 'arguments', 'field_results']);

const camelCase = (key: string): string => (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(key) ? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key);

function reshape(value: unknown, renameKeys: boolean): unknown {
	if (Array.isArray(value)) return value.map((entry) => reshape(entry, renameKeys));
	if (typeof value !== 'object' || value === null) return value;
	const output: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		if (key === '_links') continue;
		const keepNames = !renameKeys || NAMED_BY_USER.has(key);
		output[renameKeys ? camelCase(key) : key] = reshape(entry, renameKeys && !keepNames) as IDataObject[keyof IDataObject];
	}
	return output;
}

/** The JSON without HAL `_links`, at any depth. */
export function withoutLinks(json: IDataObject): IDataObject {
	return reshape(json, false) as IDataObject;
}

/** The simplified form: no `_links`, and camelCase keys except under names users chose. */
export function simplifyResource(json: IDataObject): IDataObject {
	return reshape(json, true) as IDataObject;
}
