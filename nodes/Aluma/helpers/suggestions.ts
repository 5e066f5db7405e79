/**
 * Output shaping for Aluma's file name and folder suggestions. Aluma documents the parts (a
 * `primary` and an `alternative` file name and folder, any of them null; folders with `folder_id`
 * and `reason`; an open `elements` object) but not their layout, so three plausible layouts are
 * read: per suggestion (`primary: {file_name, folder}`), per part (`file_name: {primary,
 * alternative}`, `folder: {…}`) and flat (`primary_file_name`, `primary_folder`).
 */
import type { IDataObject } from 'n8n-workflow';

import { asObject } from './simplify';

type Which = 'primary' | 'alternative';

const text = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

function firstDefined(...values: unknown[]): unknown {
	return values.find((value) => value !== undefined && value !== null);
}

function suggestionOf(raw: IDataObject, which: Which): { fileName: string | null; folderId: string | null; folderReason: string | null } {
	const entry = asObject(raw[which]);
	const byPart = (singular: string) => asObject(raw[`${singular}s`]) ?? asObject(raw[singular]);
	const fileName = firstDefined(entry?.file_name, entry?.filename, byPart('file_name')?.[which], raw[`${which}_file_name`]);
	// A folder is an object with folder_id and reason, or (flattened into the suggestion) its fields.
	const folderValue = firstDefined(entry?.folder, entry?.folder_id !== undefined ? entry : undefined, byPart('folder')?.[which], raw[`${which}_folder`]);
	const folder = asObject(folderValue);
	return {
		fileName: text(fileName),
		folderId: folder ? text(firstDefined(folder.folder_id, folder.id)) : text(folderValue),
		folderReason: folder ? text(folder.reason) : null,
	};
}

/** The suggestions as flat camelCase fields, the way the other Document outputs read. */
export function simplifySuggestions(raw: IDataObject): IDataObject {
	const primary = suggestionOf(raw, 'primary');
	const alternative = suggestionOf(raw, 'alternative');
	return {
		suggestedFileName: primary.fileName,
		suggestedFolderId: primary.folderId,
		suggestedFolderReason: primary.folderReason,
		alternativeFileName: alternative.fileName,
		alternativeFolderId: alternative.folderId,
		alternativeFolderReason: alternative.folderReason,
		elements: asObject(raw.elements) ?? {},
	};
}
