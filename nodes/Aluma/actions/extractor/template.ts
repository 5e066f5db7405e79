/** Reads the "Create From Modules" fields into the extractor template Aluma expects. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { typeHint, typedArgument } from '../../helpers/typedValue';
import { listModules } from '../../transport/models';

interface ModuleEntry {
	id?: string;
	arguments?: { argument?: Array<{ name?: string; value?: unknown }> };
	fieldAliases?: { alias?: Array<{ name?: string; value?: string }> };
}

/** Declared parameter types per module ID, as GET /modules gives them. */
type ParameterTypes = Map<string, Map<string, string>>;

async function parameterTypes(ctx: IExecuteFunctions, itemIndex: number): Promise<ParameterTypes> {
	const modules = await listModules(ctx, itemIndex);
	return new Map(
		modules.map((module) => {
			const parameters = Array.isArray(module.parameters) ? (module.parameters as IDataObject[]) : [];
			return [module.id, new Map(parameters.filter((p) => typeof p.id === 'string').map((p) => [String(p.id), String(p.type ?? 'string')]))];
		}),
	);
}

/**
 * Turns the builder's fields (or the JSON template) into Aluma's `{modules:[…]}` template. The
 * builder's argument values are text; each is sent with the type its module declares (a boolean
 * "allow_debit_notes" as true, not "true"), which takes one GET /modules when arguments are given.
 */
export async function templateFrom(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
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
	entries.forEach((entry, index) => {
		if (!String(entry.id ?? '').trim()) fail(`Module ${index + 1} has no module chosen (parameter "Modules")`, 'Pick a module from the list');
	});
	const types = entries.some((entry) => entry.arguments?.argument?.length) ? await parameterTypes(ctx, itemIndex) : new Map();
	return {
		modules: entries.map((entry, index) => {
			const id = String(entry.id).trim();
			const module: IDataObject = { id };
			const args = (entry.arguments?.argument ?? []).filter((a) => a.name);
			if (args.length) {
				module.arguments = Object.fromEntries(
					args.map(({ name, value }) => {
						// A module Aluma does not list is left to Aluma to judge; its arguments go as typed.
						const type = types.get(id)?.get(String(name));
						const typed = typedArgument(value ?? '', type);
						if (typed === undefined) {
							fail(
								`Module ${index + 1} (${id}): the argument "${name}" must be ${typeHint(String(type))} (got ${JSON.stringify(value ?? '')}) (parameter "Modules")`,
								`${id} declares "${name}" as ${type}; enter ${typeHint(String(type))}`,
							);
						}
						return [String(name), typed];
					}),
				);
			}
			const aliases = entry.fieldAliases?.alias ?? [];
			if (aliases.length) module.field_aliases = aliases.filter((a) => a.name).map((a) => ({ field: a.name, alias: a.value ?? '' }));
			return module;
		}),
	};
}
