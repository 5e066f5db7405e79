/** The fields of the extractors chosen in the node, for the "Split Table Rows Into Items" picker. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems } from 'n8n-workflow';

import { MODEL_NAME_PATTERN, locatorName } from '../actions/parameters';
import type { AlumaModule } from '../transport/models';
import { getModel, listModules } from '../transport/models';

/** The module Aluma documents as extracting a table (its field is a table whatever its type says). */
const TABLE_MODULE_ID = 'aluma.invoice_line_items';

/** The extractors chosen so far: "Extractor", or Classify and Extract's mappings and fallback. */
export function chosenExtractors(ctx: ILoadOptionsFunctions): string[] {
	const read = (name: string): unknown => {
		try {
			return ctx.getCurrentNodeParameter(name);
		} catch {
			return undefined;
		}
	};
	const mapping = ((read('extractorMapping') as IDataObject | undefined)?.mapping as IDataObject[] | undefined) ?? [];
	const names = [read('extractor'), ...mapping.map((entry) => entry.extractor), read('fallbackExtractor')].map(locatorName);
	return [...new Set(names.filter((name) => MODEL_NAME_PATTERN.test(name)))];
}

interface FieldEntry {
	name: string;
	module?: AlumaModule;
	table: boolean;
}

const moduleFields = (module: AlumaModule): IDataObject[] =>
	Array.isArray(module.fields) ? (module.fields as IDataObject[]).filter((field) => typeof field?.name === 'string') : [];

const isTableField = (module: AlumaModule, field: IDataObject): boolean =>
	module.id === TABLE_MODULE_ID || /table/i.test(String(field.type ?? ''));

/** The module IDs of an extractor definition (its template's modules), and the field names it lists. */
function definitionParts(definition: IDataObject): { moduleIds: string[]; fieldNames: string[] } {
	const template = (definition.template as IDataObject | undefined) ?? definition;
	const modules = Array.isArray(template.modules) ? (template.modules as IDataObject[]) : [];
	const fields = Array.isArray(definition.fields) ? (definition.fields as unknown[]) : [];
	return {
		moduleIds: modules.map((entry) => (typeof entry === 'string' ? entry : entry?.id)).filter((id): id is string => typeof id === 'string'),
		fieldNames: fields.map((field) => (typeof field === 'string' ? field : (field as IDataObject)?.name)).filter((name): name is string => typeof name === 'string'),
	};
}

/** Fields of one extractor: those of its modules, then any other field its definition names. */
function fieldsOf(definition: IDataObject, catalogue: AlumaModule[]): FieldEntry[] {
	const { moduleIds, fieldNames } = definitionParts(definition);
	const byId = new Map(catalogue.map((module) => [module.id, module]));
	const entries: FieldEntry[] = moduleIds.flatMap((id) => {
		const module = byId.get(id) ?? { id };
		return moduleFields(module).map((field) => ({ name: String(field.name), module, table: isTableField(module, field) }));
	});
	const fromCatalogue = (name: string): FieldEntry => {
		for (const module of catalogue) {
			const field = moduleFields(module).find((candidate) => candidate.name === name);
			if (field) return { name, module, table: isTableField(module, field) };
		}
		return { name, table: false };
	};
	return [...entries, ...fieldNames.filter((name) => !entries.some((entry) => entry.name === name)).map(fromCatalogue)];
}

/** Nothing fails here: without a definition or the (unconfirmed) module catalogue, the list is shorter or empty, and By Name still works. */
export async function extractorFieldItems(ctx: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchItems[]> {
	const extractors = chosenExtractors(ctx);
	if (extractors.length === 0) return [];
	const catalogue = await listModules(ctx).catch(() => [] as AlumaModule[]);
	const definitions = await Promise.all(extractors.map(async (name) => await getModel(ctx, 'extractor', name).catch(() => ({}) as IDataObject)));
	const seen = new Set<string>();
	const fields = definitions.flatMap((definition) => fieldsOf(definition, catalogue)).filter((field) => !seen.has(field.name) && seen.add(field.name));
	const needle = filter?.trim().toLowerCase();
	return fields
		.filter((field) => !needle || field.name.toLowerCase().includes(needle))
		.sort((a, b) => Number(b.table) - Number(a.table))
		.map((field) => ({
			name: field.table ? `${field.name} (table)` : field.name,
			value: field.name,
			description: field.module ? `Field of the module ${String(field.module.name ?? field.module.id)}` : 'Field of the extractor',
		}));
}
