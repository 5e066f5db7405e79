/**
 * The one function through which the node talks to Aluma: URL building, token session, timeouts,
 * retries, redirects kept on the Aluma host, response decoding and error mapping.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { BaseUrlError, buildApiUrl, encodeSegment, isSameOrigin, normalizeBaseUrl } from './baseUrl';
import { alumaApiError, alumaNetworkError } from './errors';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, nextDelay, parseRetryAfter, shouldRetry } from './retry';
import type { Route } from './routes';
import type { AlumaContext } from './tokenSession';
import { sessionFor } from './tokenSession';
import { isTokenExchangeError } from './tokenExchange';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** OCR of a long scan can take minutes; Aluma's own client waited 120 s. */
export const DEFAULT_PROCESSING_TIMEOUT_MS = 300_000;
const MAX_REDIRECTS = 3;

/** A body that can be produced again for each try (streams can be read only once). */
export type BodyFactory = () => IHttpRequestOptions['body'] | Promise<IHttpRequestOptions['body']>;

export type ResponseType = 'json' | 'text' | 'binary' | 'none';

export interface AlumaRequest {
	/** A route from ROUTES with its `{placeholders}` filled from `params`… */
	route?: Route;
	params?: Record<string, string>;
	/** …or, for the generic API Request, a method and a path relative to the base URL. */
	method?: IHttpRequestMethods;
	path?: string;
	qs?: IDataObject;
	headers?: IDataObject;
	/** JSON body (sent as application/json). */
	json?: unknown;
	/** Any other body, rebuilt per try. Set the Content-Type in `headers`. */
	body?: BodyFactory;
	accept?: string;
	responseType?: ResponseType;
	/** For messages: "classify the document". */
	what: string;
	/** The message for a 404, naming the parameter whose value Aluma does not know. */
	notFound?: string;
	timeoutMs?: number;
	/** Overrides the route's own idempotency. */
	idempotent?: boolean;
	/** Statuses handed back to the caller instead of raising an error. */
	acceptStatuses?: number[];
	retryPolicy?: Partial<RetryPolicy>;
	itemIndex?: number;
}

export interface AlumaResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

export function fillPath(path: string, params: Record<string, string> = {}): string {
	return path.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') throw new Error(`Missing path parameter ${name}`);
		return encodeSegment(value);
	});
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key ? headers[key] : undefined;
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body), 'utf8');
}

function networkCodeOf(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown; httpCode?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

function tokenErrorOf(error: unknown): { message: string; description: string; httpCode?: string } | undefined {
	const seen = new Set<unknown>();
	let current = error as { cause?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (isTokenExchangeError(current)) return current;
		current = current.cause as typeof current;
	}
	return undefined;
}

function decode<T>(response: IN8nHttpFullResponse, request: AlumaRequest, ctx: AlumaContext): T {
	const raw = toBuffer(response.body);
	const type = request.responseType ?? 'json';
	if (type === 'binary') return raw as T;
	if (type === 'none') return undefined as T;
	if (type === 'text') return raw.toString('utf8') as T;
	if (raw.length === 0) {
		if (response.statusCode === 204) return {} as T;
		throw emptyJsonError(ctx, request);
	}
	try {
		return JSON.parse(raw.toString('utf8')) as T;
	} catch {
		throw invalidJsonError(ctx, request, header(response.headers as IDataObject, 'content-type'));
	}
}

function emptyJsonError(ctx: AlumaContext, request: AlumaRequest): NodeApiError {
	const message = `Aluma sent an empty answer when trying to ${request.what}`;
	return new NodeApiError(ctx.getNode(), { message }, {
		message,
		description: 'Aluma (or a proxy in front of it) answered without the data the node needs. Try again; if it persists, contact Aluma support',
		itemIndex: request.itemIndex,
	});
}

function invalidJsonError(ctx: AlumaContext, request: AlumaRequest, contentType = ''): NodeApiError {
	const what = /html/i.test(contentType) ? 'an HTML page' : 'data that is not valid JSON';
	const message = `Aluma sent ${what} when trying to ${request.what}`;
	return new NodeApiError(ctx.getNode(), { message }, {
		message,
		description: 'A proxy or gateway may have answered instead of Aluma. Check the Base URL of the credential and try again',
		itemIndex: request.itemIndex,
	});
}

/** Sends one request to Aluma with retries; returns the decoded body and the response metadata. */
export async function alumaRequest<T = unknown>(ctx: AlumaContext, request: AlumaRequest): Promise<AlumaResponse<T>> {
	const node = ctx.getNode();
	const session = sessionFor(ctx);
	const credentials = await session.credentials();
	let url: string;
	let baseUrl: string;
	try {
		baseUrl = normalizeBaseUrl(credentials.baseUrl);
		const path = request.route ? fillPath(request.route.path, request.params) : request.path ?? '';
		url = buildApiUrl(baseUrl, path);
	} catch (error) {
		const hint = error instanceof BaseUrlError ? error.hint : undefined;
		throw new NodeOperationError(node, (error as Error).message, { description: hint, itemIndex: request.itemIndex });
	}
	const method = request.method ?? request.route?.method ?? 'GET';
	const idempotent = request.idempotent ?? request.route?.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(method);
	const timeout =
		request.timeoutMs ?? (request.route?.processing ? DEFAULT_PROCESSING_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);
	const policy = { ...DEFAULT_RETRY_POLICY, ...request.retryPolicy };

	let target = url;
	let redirects = 0;
	for (let attempt = 1; ; attempt++) {
		const makeOptions = async (): Promise<IHttpRequestOptions> => {
			const headers: IDataObject = { ...request.headers };
			if (request.accept) headers.Accept = request.accept;
			let body: IHttpRequestOptions['body'];
			if (request.json !== undefined) {
				headers['Content-Type'] = 'application/json';
				body = JSON.stringify(request.json);
			} else if (request.body) {
				body = await request.body();
			}
			return {
				method,
				url: target,
				qs: request.qs,
				headers,
				body,
				timeout,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// Redirects are followed below, and only on the Aluma host, so the token never leaves it.
				disableFollowRedirect: true,
				encoding: 'arraybuffer',
			};
		};

		let response: IN8nHttpFullResponse;
		try {
			response = await session.send(makeOptions);
		} catch (error) {
			const tokenError = tokenErrorOf(error);
			if (tokenError) {
				throw new NodeOperationError(node, tokenError.message, {
					description: tokenError.description,
					itemIndex: request.itemIndex,
				});
			}
			const code = networkCodeOf(error);
			if (!code) throw new NodeApiError(node, error as JsonObject, { itemIndex: request.itemIndex });
			if (attempt < policy.maxAttempts && shouldRetry({ kind: 'network', code }, idempotent)) {
				const delay = nextDelay(attempt, policy, undefined) ?? 0;
				ctx.logger?.debug(`Aluma: ${request.what} failed (${code}); try ${attempt + 1} in ${delay} ms`);
				await sleep(delay);
				continue;
			}
			throw alumaNetworkError(node, code, request.what, attempt);
		}

		const status = response.statusCode;
		const headers = (response.headers ?? {}) as IDataObject;
		if (status >= 300 && status < 400 && header(headers, 'location')) {
			const location = header(headers, 'location') as string;
			if (!isSameOrigin(baseUrl, location, target)) {
				throw new NodeOperationError(node, `Aluma redirected the request to ${request.what} away from its API host`, {
					description: 'The access token is only sent to the Base URL of the credential. Check that the Base URL is Aluma\'s API address',
					itemIndex: request.itemIndex,
				});
			}
			if (redirects >= MAX_REDIRECTS) {
				throw new NodeOperationError(node, `Aluma redirected the request to ${request.what} more than ${MAX_REDIRECTS} times`, {
					description: 'Aluma (or a proxy in front of it) keeps redirecting. Check that the Base URL is Aluma\'s API address, and try again later',
					itemIndex: request.itemIndex,
				});
			}
			redirects++;
			attempt--;
			target = new URL(location, target).toString();
			continue;
		}
		if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status)) {
			return { statusCode: status, headers, body: decode<T>(response, request, ctx) };
		}
		const failure = { kind: 'status', status } as const;
		if (attempt < policy.maxAttempts && shouldRetry(failure, idempotent)) {
			const delay = nextDelay(attempt, policy, parseRetryAfter(header(headers, 'retry-after')));
			if (delay !== undefined) {
				ctx.logger?.debug(`Aluma: ${request.what} got HTTP ${status}; try ${attempt + 1} in ${delay} ms`);
				await sleep(delay);
				continue;
			}
		}
		const error = alumaApiError(node, {
			status,
			body: toBuffer(response.body),
			contentType: header(headers, 'content-type'),
			what: request.what,
			notFound: request.notFound,
			attempts: attempt,
		});
		if (request.itemIndex !== undefined) error.context.itemIndex = request.itemIndex;
		throw error;
	}
}
