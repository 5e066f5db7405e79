import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { fileNameFromUrl } from '../../helpers/fileNames';
import { readUploadSource } from '../../binaryInput';
import { answerMimeType, downloadFile } from '../../transport/download';
import { alumaRequest } from '../../transport/request';
import type { NumberBounds } from '../numberParameter';
import { numberParameter } from '../numberParameter';
import { collectPairs, nameValueCollection } from './nameValuePairs';
import { withNotFoundHint } from './notFound';

/** An hour at most: beyond the timer limit a timeout would fire at once. */
const TIMEOUT: NumberBounds = { min: 1, max: 3_600, integer: true };

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		description: 'The HTTP method to use',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /documents',
		description:
			'Path relative to the Base URL of the credential. Absolute URLs are refused so the access token never goes to another host.',
	},
	nameValueCollection('Query Parameters', 'queryParameters', 'Parameter'),
	{
		displayName: 'Body',
		name: 'bodyType',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'Send a file from the input item as raw bytes' },
			{ name: 'JSON', value: 'json' },
			{ name: 'None', value: 'none' },
		],
		default: 'none',
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { bodyType: ['json'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'inputBinaryField',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to send',
		displayOptions: { show: { bodyType: ['binary'] } },
	},
	nameValueCollection('Headers', 'headerParameters', 'Header'),
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		options: [
			{ name: 'File', value: 'file', description: 'Store the response as binary data' },
			{ name: 'JSON', value: 'json' },
			{ name: 'Text', value: 'text' },
		],
		default: 'json',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryField',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { responseFormat: ['file'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. result.pdf',
				description: 'Name of the output file, when the response format is File',
			},
			{
				displayName: 'Include Response Headers and Status',
				name: 'fullResponse',
				type: 'boolean',
				default: false,
				description: 'Whether to return the status code and headers along with the body',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: TIMEOUT.min, maxValue: TIMEOUT.max, numberPrecision: 0 },
				default: 60,
				description: 'How long to wait for Aluma to answer, from 1 to 3600',
			},
		],
	},
];

const displayOptions = { show: { resource: ['apiRequest'], operation: ['send'] } };

export const description = updateDisplayOptions(displayOptions, properties);

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
