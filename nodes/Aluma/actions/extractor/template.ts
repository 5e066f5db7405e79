/** Reads the "Create From Modules" fields into the extractor template Aluma expects. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

interface ModuleEntry {
	id?: string;
	arguments?: { argument?: Array<{ name?: string; value?: string }> };
	fieldAliases?: { alias?: Array<{ name?: string; value?: string }> };
}

/** Turns the builder's fields (or the JSON template) into Aluma's `{modules:[…]}` template. */
export function templateFrom(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fail = (message: string, description: string): never => {
		throw new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
	};
	if (ctx.getNodeParameter('defineWith', itemIndex, 'modules') === 'json') {
		const raw = ctx.getNodeParameter('template', itemIndex, '{}') as unknown;
		let template: unknown = raw;
		if (typeof raw === 'string') {
			try {
				template = JSON.parse(raw);
			} catch {
				template = undefined;
			}
		}
		const modules = (template as IDataObject | undefined)?.modules;
		if (!Array.isArray(modules) || modules.length === 0) {
			fail('The parameter "Template" is not a valid extractor template', 'Give a JSON object with a non-empty "modules" array, e.g. {"modules":[{"id":"aluma.invoice_amounts"}]}');
		}
		return template as IDataObject;
	}
	const entries = (ctx.getNodeParameter('modules.module', itemIndex, []) as ModuleEntry[]) ?? [];
	if (entries.length === 0) fail('No modules chosen (parameter "Modules")', 'Add at least one module, e.g. aluma.invoice_amounts');
	return {
		modules: entries.map((entry, index) => {
			const id = String(entry.id ?? '').trim();
			if (!id) fail(`Module ${index + 1} has no module chosen (parameter "Modules")`, 'Pick a module from the list');
			const module: IDataObject = { id };
			const args = entry.arguments?.argument ?? [];
			if (args.length) module.arguments = Object.fromEntries(args.filter((a) => a.name).map((a) => [String(a.name), a.value ?? '']));
			const aliases = entry.fieldAliases?.alias ?? [];
			if (aliases.length) module.field_aliases = aliases.filter((a) => a.name).map((a) => ({ field: a.name, alias: a.value ?? '' }));
			return module;
		}),
	};
}
