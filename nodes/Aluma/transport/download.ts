/** Downloads a file from Aluma straight into n8n's binary data (see streamedAnswer.ts). */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AlumaRequest, AlumaResponse } from './request';
import { alumaRequest } from './request';
import { header } from './responseBody';
import type { FileAnswer } from './streamedAnswer';

export type { FileAnswer } from './streamedAnswer';

/** The file name and MIME type the downloaded file gets, chosen once its headers are known. */
export type NameFile = (headers: IDataObject) => { fileName: string; mimeType: string };

/** The MIME type of an answer without parameters (`text/csv; charset=utf-8` → `text/csv`). */
export function answerMimeType(headers: IDataObject, fallback = 'application/octet-stream'): string {
	return (header(headers, 'content-type') ?? '').split(';')[0].trim() || fallback;
}

export async function downloadFile(
	ctx: IExecuteFunctions,
	request: Omit<AlumaRequest, 'receive' | 'responseType'>,
	name: NameFile,
): Promise<AlumaResponse<FileAnswer>> {
	return await alumaRequest<FileAnswer>(ctx, {
		...request,
		receive: async (body, headers) => {
			const { fileName, mimeType } = name(headers);
			return await ctx.helpers.prepareBinaryData(body, fileName, mimeType);
		},
	});
}
