/** Plain dropdowns whose options depend on other parameters of the node. */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { AlumaModule } from '../transport/models';
import { listModules } from '../transport/models';

export async function getModules(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const modules = await listModules(this);
	return modules
		.map((module) => ({
			name: String(module.name ?? module.id),
			value: module.id,
			description: typeof module.summary === 'string' ? module.summary : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The modules chosen so far in "Modules", in their order (all of them: a method learns the node's parameters, not which module is being edited). */
async function chosenModules(ctx: ILoadOptionsFunctions): Promise<AlumaModule[]> {
	const entries = ((ctx.getCurrentNodeParameter('modules') as IDataObject | undefined)?.module as IDataObject[] | undefined) ?? [];
	const chosen = new Set(entries.map((entry) => String(entry.id ?? '')));
	const byId = new Map((await listModules(ctx)).map((module) => [module.id, module]));
	return [...chosen].flatMap((id) => byId.get(id) ?? []);
}

const entriesOf = (module: AlumaModule, key: 'parameters' | 'fields'): IDataObject[] =>
	Array.isArray(module[key]) ? (module[key] as IDataObject[]) : [];

/** The parameters of the chosen modules, each with its type, for "Arguments". */
export async function getModuleParameters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await chosenModules(this)).flatMap((module) =>
		entriesOf(module, 'parameters')
			.filter((parameter) => typeof parameter.id === 'string')
			.map((parameter) => ({
				name: `${String(parameter.id)} (${String(parameter.type ?? 'string')}${parameter.required === true ? ', required' : ''})`,
				value: String(parameter.id),
				description: [String(module.name ?? module.id), parameter.description].filter(Boolean).join(': '),
			})),
	);
}

/** The fields of the chosen modules, for "Field Aliases". */
export async function getModuleFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await chosenModules(this)).flatMap((module) =>
		entriesOf(module, 'fields')
			.filter((field) => typeof field.name === 'string')
			.map((field) => ({
				name: String(field.name),
				value: String(field.name),
				description: [String(module.name ?? module.id), field.description].filter(Boolean).join(': '),
			})),
	);
}
