/** Query parameters and headers as lists of name/value pairs: the field and the reader of its values. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A list of name/value pairs, as the HTTP Request node shows query parameters and headers. */
export function nameValueCollection(displayName: string, name: string, entry: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${entry}`,
		default: {},
		options: [
			{
				name: 'parameters',
				displayName: entry,
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

interface NameValue {
	name?: string;
	value?: string;
}

export function collectPairs(
	ctx: IExecuteFunctions,
	parameter: 'queryParameters' | 'headerParameters',
	label: string,
	itemIndex: number,
): IDataObject {
	const pairs = (ctx.getNodeParameter(`${parameter}.parameters`, itemIndex, []) as NameValue[]) ?? [];
	const result: IDataObject = {};
	for (const { name, value } of pairs) {
		const key = String(name ?? '').trim();
		if (key === '') continue;
		if (/[\r\n]/.test(key) || /[\r\n]/.test(String(value ?? ''))) {
			throw new NodeOperationError(ctx.getNode(), `The ${label} "${key}" contains a line break`, {
				description: `Remove line breaks from the ${label} names and values`,
				itemIndex,
			});
		}
		result[key] = value ?? '';
	}
	return result;
}
