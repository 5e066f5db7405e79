/**
 * Output schemas in the shape n8n's editor reads from `__schema__/` (JSON Schema with `type`,
 * `properties` and `items`, as n8n's own nodes ship them): made from real output items, and
 * checked against them.
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export interface OutputSchema {
	type: JsonType | JsonType[];
	properties?: Record<string, OutputSchema>;
	items?: OutputSchema;
}

function typeOf(value: unknown): JsonType {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return 'array';
	const kind = typeof value;
	if (kind === 'string' || kind === 'number' || kind === 'boolean') return kind;
	return 'object';
}

function typesOf(schema: OutputSchema): JsonType[] {
	return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** One schema covering every value given (objects merged key by key, array elements merged). */
export function schemaOf(values: unknown[]): OutputSchema {
	const types = [...new Set(values.map(typeOf))].sort();
	const schema: OutputSchema = { type: types.length === 1 ? types[0] : types };
	const objects = values.filter((value) => typeOf(value) === 'object') as Array<Record<string, unknown>>;
	if (objects.length > 0) {
		const keys = [...new Set(objects.flatMap((object) => Object.keys(object)))].sort();
		schema.properties = Object.fromEntries(
			keys.map((key) => [key, schemaOf(objects.filter((object) => key in object).map((object) => object[key]))]),
		);
	}
	const elements = (values.filter((value) => Array.isArray(value)) as unknown[][]).flat();
	if (elements.length > 0) schema.items = schemaOf(elements);
	return schema;
}

/**
 * Where `values` and `schema` disagree, as readable lines: a value of a type the schema does not
 * allow, a key the schema does not list (the editor would not offer it for mapping), and a key the
 * schema lists that no value has (the editor would offer a field that never comes).
 */
export function mismatches(schema: OutputSchema, values: unknown[], at = '$'): string[] {
	const problems: string[] = [];
	const allowed = typesOf(schema);
	for (const value of values) {
		if (!allowed.includes(typeOf(value))) problems.push(`${at}: ${typeOf(value)} where the schema allows ${allowed.join(' | ')}`);
	}
	const objects = values.filter((value) => typeOf(value) === 'object') as Array<Record<string, unknown>>;
	if (objects.length > 0) {
		const listed = schema.properties ?? {};
		const present = new Set(objects.flatMap((object) => Object.keys(object)));
		for (const key of [...present].sort()) {
			if (!(key in listed)) problems.push(`${at}.${key}: in the output, not in the schema`);
		}
		for (const key of Object.keys(listed).sort()) {
			if (!present.has(key)) {
				problems.push(`${at}.${key}: in the schema, not in the output`);
				continue;
			}
			const withKey = objects.filter((object) => key in object).map((object) => object[key]);
			problems.push(...mismatches(listed[key], withKey, `${at}.${key}`));
		}
	}
	const elements = (values.filter((value) => Array.isArray(value)) as unknown[][]).flat();
	if (elements.length > 0) {
		if (schema.items) problems.push(...mismatches(schema.items, elements, `${at}[]`));
		else problems.push(`${at}[]: array elements in the output, no "items" in the schema`);
	}
	return problems;
}
