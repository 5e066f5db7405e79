import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toBinaryData } from '../../helpers/binary';
import { fetchTaskFile } from '../../transport/tasks';

/** Every `href` in a specification (its exact layout is not documented), with a name if one is given next to it. */
function fileLinks(spec: unknown, found: Array<{ href: string; name?: string; contentType?: string }> = []) {
	if (Array.isArray(spec)) spec.forEach((entry) => fileLinks(entry, found));
	else if (typeof spec === 'object' && spec !== null) {
		const record = spec as IDataObject;
		if (typeof record.href === 'string') {
			found.push({
				href: record.href,
				name: typeof record.name === 'string' ? record.name : undefined,
				contentType: typeof record.content_type === 'string' ? record.content_type : undefined,
			});
		}
		Object.entries(record)
			.filter(([key]) => key !== 'href')
			.forEach(([, value]) => fileLinks(value, found));
	}
	return found;
}

/** The output item of a started client action: its specification, plus the files it links to when "Download Files" is on. */
export async function withFiles(ctx: IExecuteFunctions, itemIndex: number, taskId: string, spec: IDataObject): Promise<INodeExecutionData> {
	const links = (ctx.getNodeParameter('downloadFiles', itemIndex, true) as boolean) ? fileLinks(spec) : [];
	const binary: Record<string, IBinaryData> = {};
	const files: IDataObject[] = [];
	for (const [index, link] of links.entries()) {
		const response = await fetchTaskFile(ctx, link.href, itemIndex);
		if (!response) {
			files.push({ href: link.href, downloaded: false, reason: 'not on the Aluma host' });
			continue;
		}
		const key = `file_${index + 1}`;
		const mimeType = link.contentType ?? String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0];
		// Without a name, the last path segment (a query string such as ?format=csv is no part of a file name).
		const name = link.name ?? (link.href.split(/[?#]/)[0].split('/').pop() || key);
		binary[key] = await toBinaryData(ctx, response.body, name, mimeType);
		files.push({ href: link.href, binaryProperty: key, fileName: name });
	}
	const item: INodeExecutionData = { json: { taskId, specification: spec, files } };
	if (files.some((file) => file.binaryProperty)) item.binary = binary;
	return item;
}
