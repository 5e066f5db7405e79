import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readUploadSource } from '../../binaryInput';
import { fileNameFromUrl } from '../../helpers/fileNames';
import { answerMimeType, downloadFile } from '../../transport/download';
import { alumaRequest } from '../../transport/request';
import { numberParameter } from '../numberParameter';
import { TIMEOUT, sendProperties } from './fields';
import { collectPairs } from './nameValuePairs';
import { withNotFoundHint } from './notFound';

const displayOptions = { show: { resource: ['apiRequest'], operation: ['send'] } };

export const description = updateDisplayOptions(displayOptions, sendProperties);

/** Headers the user may not set: they carry the credential or are computed by the HTTP client. */
const RESERVED_HEADERS = new Set(['authorization', 'proxy-authorization', 'host', 'content-length', 'cookie']);

function parseJsonBody(ctx: IExecuteFunctions, itemIndex: number): unknown {
	const raw = ctx.getNodeParameter('jsonBody', itemIndex, '{}') as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "JSON Body" is not valid JSON', {
			description: `Fix the JSON (${(error as Error).message})`,
			itemIndex,
		});
	}
}

function toItems(body: unknown): INodeExecutionData[] {
	if (Array.isArray(body)) {
		return body.map((entry) => ({
			json: typeof entry === 'object' && entry !== null ? (entry as IDataObject) : { data: entry as IDataObject[keyof IDataObject] },
		}));
	}
	if (typeof body === 'object' && body !== null) return [{ json: body as IDataObject }];
	return [{ json: { data: body as IDataObject[keyof IDataObject] } }];
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	const path = this.getNodeParameter('path', itemIndex) as string;
	const bodyType = this.getNodeParameter('bodyType', itemIndex) as 'none' | 'json' | 'binary';
	const responseFormat = this.getNodeParameter('responseFormat', itemIndex) as 'json' | 'text' | 'file';
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		fileName?: string;
		fullResponse?: boolean;
	};
	const timeout = numberParameter(this, 'options.timeout', 'Timeout (Seconds)', itemIndex, { ...TIMEOUT, default: 60 });
	const qs = collectPairs(this, 'queryParameters', 'query parameter', itemIndex);
	const headers = collectPairs(this, 'headerParameters', 'header', itemIndex);
	for (const name of Object.keys(headers)) {
		if (RESERVED_HEADERS.has(name.toLowerCase())) {
			throw new NodeOperationError(this.getNode(), `The header "${name}" cannot be set in Headers`, {
				description: 'The credential adds authorization itself, and the HTTP client computes Host and Content-Length. Remove this header',
				itemIndex,
			});
		}
	}

	let json: unknown;
	let body: (() => Promise<unknown> | unknown) | undefined;
	if (bodyType === 'json') {
		json = parseJsonBody(this, itemIndex);
	} else if (bodyType === 'binary') {
		const source = await readUploadSource(this, itemIndex, 'inputBinaryField', 'Input Binary Field');
		const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
		if (!hasContentType) headers['Content-Type'] = source.mimeType;
		headers['Content-Length'] = source.byteLength;
		body = source.body;
	}

	const what = `send ${method} ${path}`;
	const request = { method, path, qs, headers, json, body: body as never, what, timeoutMs: timeout * 1000, itemIndex };
	const withHint = (error: unknown) => Promise.reject(withNotFoundHint(error, method, path, what));
	if (responseFormat === 'file') {
		const fileName = options.fileName || fileNameFromUrl(path) || 'response';
		const outputField = (this.getNodeParameter('outputBinaryField', itemIndex, 'data') as string) || 'data';
		const response = await downloadFile(this, request, (answer) => ({ fileName, mimeType: answerMimeType(answer) })).catch(withHint);
		const meta = options.fullResponse ? { statusCode: response.statusCode, headers: response.headers } : {};
		return [{ json: { ...meta }, binary: { [outputField]: response.body.binary } }];
	}
	const response = await alumaRequest<unknown>(this, { ...request, responseType: responseFormat }).catch(withHint);
	const meta = options.fullResponse ? { statusCode: response.statusCode, headers: response.headers } : {};
	if (options.fullResponse) return [{ json: { ...meta, body: response.body as IDataObject } }];
	if (responseFormat === 'text') return [{ json: { data: response.body as string } }];
	return toItems(response.body);
}
