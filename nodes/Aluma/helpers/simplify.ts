/**
 * Output shaping for classification and extraction results. Aluma's raw results are nested and
 * verbose; the simplified forms are what the next node (or an AI agent) wants to read.
 * Parsing is defensive: older Aluma/Waives responses name some fields differently.
 */
import type { IDataObject } from 'n8n-workflow';

type Json = IDataObject;

export const asObject = (value: unknown): Json | undefined =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter(asObject) as Json[]) : []);
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export interface SimplifiedClassification extends IDataObject {
	documentType: string | null;
	isConfident: boolean;
	relativeConfidence: number | null;
	topScores: Array<{ documentType: string; score: number }>;
}

export function simplifyClassification(raw: IDataObject, topN = 3): SimplifiedClassification {
	const results = asObject(raw.classification_results) ?? raw;
	const scores = asArray(results.document_type_scores)
		.map((entry) => ({ documentType: String(entry.document_type ?? ''), score: asNumber(entry.score) ?? 0 }))
		.sort((a, b) => b.score - a.score);
	return {
		documentType: typeof results.document_type === 'string' ? results.document_type : null,
		isConfident: results.is_confident === true,
		relativeConfidence: asNumber(results.relative_confidence) ?? null,
		topScores: scores.slice(0, topN),
	};
}

export type FieldValue = string | number | boolean | null | IDataObject[] | IDataObject;

/** A field's best value: the typed value when Aluma gave one, else the text. */
function resultValue(result: Json | undefined): FieldValue {
	if (!result) return null;
	const value = result.value;
	if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
		return value as FieldValue;
	}
	if (asObject(value)) return value as IDataObject;
	return typeof result.text === 'string' ? result.text : null;
}

/** A table cell's plain value: a string, number or boolean as it is; of a cell object, its value, else its text. */
function cellValue(cell: unknown): FieldValue {
	if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') return cell;
	const object = asObject(cell);
	return object ? resultValue(object) : null;
}

/** Column names a table may list beside its rows, as strings or as objects with a name. */
function columnNames(tabular: Json | undefined): string[] {
	const list = tabular?.columns ?? tabular?.column_names ?? tabular?.headers;
	if (!Array.isArray(list)) return [];
	return list.map((column: unknown) => {
		const named = asObject(column);
		return String(named ? named.column_name ?? named.name ?? '' : column ?? '');
	});
}

/**
 * Table fields: Aluma's `tabular_results` layout is not documented. Read defensively: rows of
 * `cells` (or a row that is itself a list of cells), each cell a plain string/number or an object
 * with `text`/`value` and perhaps its column name; or rows that are objects keyed by column. The
 * result is always plain values by column name, as "Split Table Rows Into Items" hands on.
 */
export function tableRows(field: Json): IDataObject[] {
	const tabular = field.tabular_results;
	const table = asObject(tabular);
	const rows: unknown[] = Array.isArray(tabular) ? tabular : Array.isArray(table?.rows) ? (table.rows as unknown[]) : [];
	const columns = columnNames(table);
	return rows
		.filter((row) => Array.isArray(row) || asObject(row))
		.map((row) => {
			const object = asObject(row);
			const cells: unknown[] | undefined = Array.isArray(row) ? row : Array.isArray(object?.cells) ? (object.cells as unknown[]) : undefined;
			const entry: IDataObject = {};
			if (!cells) {
				for (const [column, cell] of Object.entries(object as Json)) entry[column] = cellValue(cell);
				return entry;
			}
			cells.forEach((cell, index) => {
				const named = asObject(cell);
				const column = named?.column_name ?? named?.name ?? named?.field_name ?? (columns[index] || `column${index + 1}`);
				entry[String(column)] = cellValue(cell);
			});
			return entry;
		});
}

export interface RejectedField extends IDataObject {
	field: string;
	reason: string;
}

export interface ExtractionView {
	fields: Record<string, FieldValue>;
	rejected: RejectedField[];
	tables: Record<string, IDataObject[]>;
	pageCount: number | null;
}

export function readExtraction(raw: IDataObject): ExtractionView {
	const fields: Record<string, FieldValue> = {};
	const rejected: RejectedField[] = [];
	const tables: Record<string, IDataObject[]> = {};
	for (const field of asArray(raw.field_results)) {
		const name = String(field.field_name ?? '');
		if (!name) continue;
		const result = asObject(field.result);
		const isTable = field.tabular_results !== null && field.tabular_results !== undefined;
		if (isTable) {
			tables[name] = tableRows(field);
			fields[name] = tables[name];
		} else {
			fields[name] = resultValue(result);
		}
		const isRejected = field.rejected === true || result?.rejected === true;
		if (isRejected) {
			const reason = String(field.reject_reason ?? result?.reject_reason ?? 'Unknown');
			rejected.push({ field: name, reason });
		}
	}
	// Newer responses call the page list `document`, older ones `page_sizes`.
	const document = asObject(raw.document) ?? asObject(raw.page_sizes);
	const pageCount = asNumber(document?.page_count) ?? (Array.isArray(document?.pages) ? (document?.pages as unknown[]).length : null);
	return { fields, rejected, tables, pageCount };
}

/** One key per field, plus which were rejected and why. */
export function simplifyExtraction(raw: IDataObject, selected?: string[]): IDataObject {
	const view = readExtraction(raw);
	const wanted = selected?.length ? new Set(selected) : undefined;
	const output: IDataObject = {};
	for (const [name, value] of Object.entries(view.fields)) {
		if (!wanted || wanted.has(name)) output[name] = value;
	}
	// A field of that name keeps its value: the node's own keys never overwrite extracted ones.
	return { rejectedFields: view.rejected.filter((entry) => !wanted || wanted.has(entry.field)), ...output };
}

/** The alternatives list under either of its names, for callers that show them. */
export function alternativesOf(field: IDataObject): IDataObject[] {
	return asArray(field.alternatives ?? field.alternative_results);
}
