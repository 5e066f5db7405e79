/**
 * Output shaping for classification and extraction results. Aluma's raw results are nested and
 * verbose; the simplified forms are what the next node (or an AI agent) wants to read.
 * Parsing is defensive: older Aluma/Waives responses name some fields differently.
 */
import type { IDataObject } from 'n8n-workflow';

type Json = IDataObject;

const asObject = (value: unknown): Json | undefined =>
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

/**
 * Table fields: Aluma's `tabular_results` layout is not documented; rows of cells with a column
 * name (the shape the fake server and Waives-era data suggest) and plain row objects are both read.
 */
export function tableRows(field: Json): IDataObject[] {
	const tabular = field.tabular_results;
	const rows = Array.isArray(tabular) ? asArray(tabular) : asArray(asObject(tabular)?.rows);
	return rows.map((row) => {
		const cells = asArray(row.cells);
		if (cells.length === 0) return row;
		const entry: IDataObject = {};
		cells.forEach((cell, index) => {
			const column = String(cell.column_name ?? cell.name ?? cell.field_name ?? `column${index + 1}`);
			entry[column] = resultValue(cell);
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
	output.rejectedFields = view.rejected.filter((entry) => !wanted || wanted.has(entry.field));
	return output;
}

/** The alternatives list under either of its names, for callers that show them. */
export function alternativesOf(field: IDataObject): IDataObject[] {
	return asArray(field.alternatives ?? field.alternative_results);
}
