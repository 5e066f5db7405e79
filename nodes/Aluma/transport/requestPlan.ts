/**
 * An Aluma request as its callers describe it, and what it resolves to before the first try: the
 * URL on the credential's Base URL, the method, whether it is safe to resend, timeout and retries.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BaseUrlError, buildApiUrl, encodeSegment, normalizeBaseUrl } from '../../../shared/baseUrl';
import type { RetryPolicy } from '../../../shared/retry';
import { DEFAULT_RETRY_POLICY } from '../../../shared/retry';
import type { Refusal } from './errors';
import type { ResponseType } from './responseBody';
import type { Route } from './routes';
import type { ReceiveFile } from './streamedAnswer';
import type { AlumaContext } from './tokenSession';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** OCR of a long scan can take minutes; Aluma's own client waited 120 s. */
export const DEFAULT_PROCESSING_TIMEOUT_MS = 300_000;

/** A body that can be produced again for each try (streams can be read only once). */
export type BodyFactory = () => IHttpRequestOptions['body'] | Promise<IHttpRequestOptions['body']>;

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
	/** For a file answer: receives its body as a stream (see download.ts); the response body is then a FileAnswer. */
	receive?: ReceiveFile;
	/** For messages: "classify the document". */
	what: string;
	/** The message for a 404, naming the parameter whose value Aluma does not know. */
	notFound?: string;
	/** The message and advice for a refusal this request knows the meaning of (errors.ts). */
	refused?: Refusal;
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

export interface RequestPlan {
	baseUrl: string;
	url: string;
	method: IHttpRequestMethods;
	idempotent: boolean;
	timeout: number;
	policy: RetryPolicy;
	afterStop: Route['afterStop'];
}

/** A bad Base URL or path fails here, before anything is sent. */
function resolveUrl(ctx: AlumaContext, request: AlumaRequest, baseUrlSetting: unknown): { baseUrl: string; url: string } {
	try {
		const baseUrl = normalizeBaseUrl(baseUrlSetting);
		const path = request.route ? fillPath(request.route.path, request.params) : request.path ?? '';
		return { baseUrl, url: buildApiUrl(baseUrl, path) };
	} catch (error) {
		const hint = error instanceof BaseUrlError ? error.hint : undefined;
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { description: hint, itemIndex: request.itemIndex });
	}
}

export function planRequest(ctx: AlumaContext, request: AlumaRequest, baseUrlSetting: unknown): RequestPlan {
	const { baseUrl, url } = resolveUrl(ctx, request, baseUrlSetting);
	const method = request.method ?? request.route?.method ?? 'GET';
	return {
		baseUrl,
		url,
		method,
		idempotent: request.idempotent ?? request.route?.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(method),
		timeout: request.timeoutMs ?? (request.route?.processing ? DEFAULT_PROCESSING_TIMEOUT_MS : DEFAULT_TIMEOUT_MS),
		policy: { ...DEFAULT_RETRY_POLICY, ...request.retryPolicy },
		afterStop: request.route?.afterStop,
	};
}
