/** Reading Aluma's answers: headers, raw bytes, and bodies decoded as the request asked. */
import type { IDataObject, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export type ResponseType = 'json' | 'text' | 'none';

export function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key ? headers[key] : undefined;
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body), 'utf8');
}

interface DecodeRequest {
	responseType?: ResponseType;
	what: string;
	itemIndex?: number;
}

export function decodeBody<T>(node: INode, response: IN8nHttpFullResponse, request: DecodeRequest): T {
	const raw = toBuffer(response.body);
	const type = request.responseType ?? 'json';
	if (type === 'none') return undefined as T;
	if (type === 'text') return raw.toString('utf8') as T;
	if (raw.length === 0) {
		if (response.statusCode === 204) return {} as T;
		const message = `Aluma sent an empty answer when trying to ${request.what}`;
		throw new NodeApiError(node, { message }, {
			message,
			description: 'Aluma (or a proxy in front of it) answered without the data the node needs. Try again; if it persists, contact Aluma support',
			itemIndex: request.itemIndex,
		});
	}
	try {
		return JSON.parse(raw.toString('utf8')) as T;
	} catch {
		const contentType = header(response.headers as IDataObject, 'content-type') ?? '';
		const what = /html/i.test(contentType) ? 'an HTML page' : 'data that is not valid JSON';
		const message = `Aluma sent ${what} when trying to ${request.what}`;
		throw new NodeApiError(node, { message }, {
			message,
			description: 'A proxy or gateway may have answered instead of Aluma. Check the Base URL of the credential and try again',
			itemIndex: request.itemIndex,
		});
	}
}
