import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fileNameFromUrl } from '../../helpers/fileNames';
import { answerMimeType } from '../../transport/download';
import { fetchTaskFile } from '../../transport/tasks';

interface FileLink {
	href: string;
	name?: string;
	contentType?: string;
}

/** Keys that say an entry describes a file rather than an action or a related resource. */
const FILE_KEYS = ['name', 'file_name', 'filename', 'content_type', 'media_type', 'mime_type', 'size'];

function isFileEntry(record: IDataObject, underFiles: boolean): boolean {
	if (typeof record.href !== 'string' || record.href === '' || record.templated === true) return false;
	// A link that names a method other than GET is an action (complete, cancel, fail), never a file.
	if (record.method !== undefined && String(record.method).toUpperCase() !== 'GET') return false;
	return underFiles || FILE_KEYS.some((key) => record[key] !== undefined);
}

/**
 * The files a specification lists (its exact layout is not documented): entries with an `href`
 * that describe a file, found anywhere except under HAL `_links`, whose entries are the
 * specification's own links (self, complete, cancel, fail) and never files to download.
 */
export function fileLinks(spec: unknown, underFiles = false, found: FileLink[] = []): FileLink[] {
	if (Array.isArray(spec)) spec.forEach((entry) => fileLinks(entry, underFiles, found));
	else if (typeof spec === 'object' && spec !== null) {
		const record = spec as IDataObject;
		if (isFileEntry(record, underFiles)) {
			found.push({
				href: record.href as string,
				name: typeof record.name === 'string' ? record.name : typeof record.file_name === 'string' ? record.file_name : undefined,
				contentType: typeof record.content_type === 'string' ? record.content_type : undefined,
			});
		}
		Object.entries(record)
			.filter(([key]) => key !== 'href' && key !== '_links')
			.forEach(([key, value]) => fileLinks(value, /^files?$/i.test(key), found));
	}
	return found;
}

/** The output item of a started client action: its specification, plus the files it links to when "Download Files" is on. */
export async function withFiles(ctx: IExecuteFunctions, itemIndex: number, taskId: string, spec: IDataObject): Promise<INodeExecutionData> {
	const links = (ctx.getNodeParameter('downloadFiles', itemIndex, true) as boolean) ? fileLinks(spec) : [];
	const binary: Record<string, IBinaryData> = {};
	const files: IDataObject[] = [];
	for (const [index, link] of links.entries()) {
		const key = `file_${index + 1}`;
		// Without a name, the last path segment (a query string such as ?format=csv is no part of a file name).
		const fileName = link.name ?? (fileNameFromUrl(link.href) || key);
		const name = (headers: IDataObject) => ({ fileName, mimeType: link.contentType ?? answerMimeType(headers) });
		const response = await fetchTaskFile(ctx, link.href, name, itemIndex);
		if (!response) {
			files.push({ href: link.href, downloaded: false, reason: 'not on the Aluma host' });
			continue;
		}
		binary[key] = response.body.binary;
		files.push({ href: link.href, binaryProperty: key, fileName });
	}
	const item: INodeExecutionData = { json: { taskId, specification: spec, files } };
	if (files.some((file) => file.binaryProperty)) item.binary = binary;
	return item;
}
