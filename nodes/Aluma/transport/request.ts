/**
 * The one function through which the node talks to Aluma: URL building, token session, timeouts,
 * retries, redirects kept on the Aluma host, the execution's stop, response decoding and error
 * mapping.
 */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { BaseUrlError, buildApiUrl, encodeSegment, isSameOrigin, normalizeBaseUrl } from '../../../shared/baseUrl';
import { isDocumentAllowanceAnswer } from './allowanceAnswer';
import { parseErrorBody } from './errorBody';
import { alumaApiError } from './errors';
import { httpOptions } from './httpOptions';
import { alumaNetworkError, freshTokenRefusedError } from './networkErrors';
import { MAX_REDIRECTS, isRedirect, nextHop } from './redirects';
import type { ResponseType } from './responseBody';
import { decodeBody, header, toBuffer } from './responseBody';
import type { ReceiveFile } from './streamedAnswer';
import { StoreFailure, settleStreamedAnswer } from './streamedAnswer';
import type { RetryPolicy } from '../../../shared/retry';
import { DEFAULT_RETRY_POLICY, isTimeoutCode, networkCodeOf, nextDelay, parseRetryAfter, shouldRetry } from '../../../shared/retry';
import type { Route } from './routes';
import { executionStopped, isStopped, stoppedError, withCancelSignal } from './stop';
import type { AlumaContext } from './tokenSession';
import { sessionFor } from './tokenSession';
import { isFreshTokenRefused } from './tokenState';
import { isTokenExchangeError } from '../../../shared/tokenExchange';

export type { ResponseType } from './responseBody';

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

/** Sends one request to Aluma with retries; returns the decoded body and the response metadata. */
export async function alumaRequest<T = unknown>(ctx: AlumaContext, request: AlumaRequest): Promise<AlumaResponse<T>> {
	const node = ctx.getNode();
	const session = sessionFor(ctx);
	const { baseUrl, url } = resolveUrl(ctx, request, (await session.credentials()).baseUrl);
	let method = request.method ?? request.route?.method ?? 'GET';
	let idempotent = request.idempotent ?? request.route?.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(method);
	const timeout =
		request.timeoutMs ?? (request.route?.processing ? DEFAULT_PROCESSING_TIMEOUT_MS : DEFAULT_TIMEOUT_MS);
	const policy = { ...DEFAULT_RETRY_POLICY, ...request.retryPolicy };
	const afterStop = request.route?.afterStop;
	// Clean-up is sent even after a stop; a creation is not started after one, but once started it
	// is not cut off, so the caller learns what Aluma made and can delete it.
	const detached = afterStop !== undefined;

	let target = url;
	let sendBody = true;
	let redirects = 0;
	let timeouts = 0;
	for (let attempt = 1; ; attempt++) {
		if (afterStop !== 'send' && isStopped(ctx)) throw stoppedError(node, request.what, request.itemIndex);
		// A download can be aborted on its own (its body stops arriving) besides the user's stop.
		const download = request.receive && new AbortController();
		const abortSignal = download && (detached ? download.signal : withCancelSignal(ctx, download.signal));
		const makeOptions = async () => await httpOptions(request, { method, url: target, timeout, withBody: sendBody, abortSignal });

		let response: IN8nHttpFullResponse;
		try {
			response = await session.send(makeOptions, detached);
			const isFile = response.statusCode >= 200 && response.statusCode < 300;
			if (download && request.receive) response = await settleStreamedAnswer(response, request.receive, { idleMs: timeout, isFile, download });
		} catch (error) {
			if (!detached && executionStopped(ctx, error)) throw stoppedError(node, request.what, request.itemIndex);
			if (error instanceof StoreFailure) {
				throw new NodeOperationError(node, error.message, { description: error.description, itemIndex: request.itemIndex });
			}
			const tokenError = tokenErrorOf(error);
			if (tokenError) {
				throw new NodeOperationError(node, tokenError.message, {
					description: tokenError.description,
					itemIndex: request.itemIndex,
				});
			}
			if (isFreshTokenRefused(error)) throw freshTokenRefusedError(node, request.itemIndex);
			const code = networkCodeOf(error);
			if (!code) throw new NodeApiError(node, error as JsonObject, { itemIndex: request.itemIndex });
			// A call that timed out is slow, not flaky: sent once more at most, so one item cannot hold
			// Aluma (and the workflow) for Timeout × tries, or start the same job four times.
			if (isTimeoutCode(code)) timeouts++;
			const mayResend = !isTimeoutCode(code) || timeouts < 2;
			if (mayResend && attempt < policy.maxAttempts && shouldRetry({ kind: 'network', code }, idempotent)) {
				const delay = nextDelay(attempt, policy, undefined) ?? 0;
				ctx.logger?.debug(`Aluma: ${request.what} failed (${code}); try ${attempt + 1} in ${delay} ms`);
				await sleep(delay);
				continue;
			}
			const failure = alumaNetworkError(node, code, request.what, attempt);
			if (request.itemIndex !== undefined) failure.context.itemIndex = request.itemIndex;
			throw failure;
		}

		const status = response.statusCode;
		const headers = (response.headers ?? {}) as IDataObject;
		const location = header(headers, 'location');
		if (isRedirect(status) && location) {
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
			const hop = nextHop(status, method);
			if (!hop.keepBody) {
				sendBody = false;
				method = hop.method;
				idempotent = true;
			}
			redirects++;
			attempt--;
			target = new URL(location, target).toString();
			continue;
		}
		if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status)) {
			const body = request.receive && status < 300 ? (response.body as T) : decodeBody<T>(node, response, request);
			return { statusCode: status, headers, body };
		}
		const body = toBuffer(response.body);
		const contentType = header(headers, 'content-type');
		// The allowance is full: waiting for a slot is the caller's job (it knows how long to wait).
		const details = parseErrorBody(body, contentType);
		const allowanceFull = isDocumentAllowanceAnswer(status, details);
		if (!allowanceFull && attempt < policy.maxAttempts && shouldRetry({ kind: 'status', status }, idempotent)) {
			const delay = nextDelay(attempt, policy, parseRetryAfter(header(headers, 'retry-after')));
			if (delay !== undefined) {
				ctx.logger?.debug(`Aluma: ${request.what} got HTTP ${status}; try ${attempt + 1} in ${delay} ms`);
				await sleep(delay);
				continue;
			}
		}
		const error = alumaApiError(node, {
			status,
			body,
			contentType,
			details,
			retryAfter: header(headers, 'retry-after'),
			what: request.what,
			notFound: request.notFound,
			attempts: attempt,
		});
		if (request.itemIndex !== undefined) error.context.itemIndex = request.itemIndex;
		throw error;
	}
}
