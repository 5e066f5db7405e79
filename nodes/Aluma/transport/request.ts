/**
 * The one function through which the node talks to Aluma: the send loop. It takes the prepared
 * request (requestPlan.ts) through the token session, the execution's stop, retries, redirects
 * kept on the Aluma host (redirects.ts), response decoding and error mapping.
 */
import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isTimeoutCode, nextDelay, parseRetryAfter, shouldRetry } from '../../../shared/retry';
import { isDocumentAllowanceAnswer } from './allowanceAnswer';
import { parseErrorBody } from './errorBody';
import { alumaApiError } from './errors';
import { networkCodeOrThrow } from './failedTry';
import { httpOptions } from './httpOptions';
import { alumaNetworkError } from './networkErrors';
import type { Leg } from './redirects';
import { isRedirect, redirectedLeg } from './redirects';
import type { AlumaRequest, AlumaResponse } from './requestPlan';
import { planRequest } from './requestPlan';
import { decodeBody, header, toBuffer } from './responseBody';
import { settleStreamedAnswer } from './streamedAnswer';
import { executionStopped, isStopped, stoppedError, withCancelSignal } from './stop';
import type { AlumaContext } from './tokenSession';
import { sessionFor } from './tokenSession';

// Callers take the request's types from here, with alumaRequest.
export type { AlumaRequest, AlumaResponse, BodyFactory } from './requestPlan';
export type { ResponseType } from './responseBody';

/** Sends one request to Aluma with retries; returns the decoded body and the response metadata. */
export async function alumaRequest<T = unknown>(ctx: AlumaContext, request: AlumaRequest): Promise<AlumaResponse<T>> {
	const node = ctx.getNode();
	const session = sessionFor(ctx);
	const plan = planRequest(ctx, request, (await session.credentials()).baseUrl);
	const { timeout, policy, afterStop } = plan;
	// Clean-up is sent even after a stop; a creation is not started after one, but once started it
	// is not cut off, so the caller learns what Aluma made and can delete it.
	const detached = afterStop !== undefined;

	let leg: Leg = { url: plan.url, method: plan.method, withBody: true, idempotent: plan.idempotent, redirects: 0 };
	let timeouts = 0;
	for (let attempt = 1; ; attempt++) {
		if (afterStop !== 'send' && isStopped(ctx)) throw stoppedError(node, request.what, request.itemIndex);
		// A download can be aborted on its own (its body stops arriving) besides the user's stop.
		const download = request.receive && new AbortController();
		const abortSignal = download && (detached ? download.signal : withCancelSignal(ctx, download.signal));
		const { url, method, withBody } = leg;
		const makeOptions = async () => await httpOptions(request, { method, url, timeout, withBody, abortSignal });

		let response: IN8nHttpFullResponse;
		try {
			response = await session.send(makeOptions, detached);
			const isFile = response.statusCode >= 200 && response.statusCode < 300;
			if (download && request.receive) response = await settleStreamedAnswer(response, request.receive, { idleMs: timeout, isFile, download });
		} catch (error) {
			if (!detached && executionStopped(ctx, error)) throw stoppedError(node, request.what, request.itemIndex);
			const code = networkCodeOrThrow(node, error, request.itemIndex);
			// A call that timed out is slow, not flaky: sent once more at most, so one item cannot hold
			// Aluma (and the workflow) for Timeout × tries, or start the same job four times.
			if (isTimeoutCode(code)) timeouts++;
			const mayResend = !isTimeoutCode(code) || timeouts < 2;
			if (mayResend && attempt < policy.maxAttempts && shouldRetry({ kind: 'network', code }, leg.idempotent)) {
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
			leg = redirectedLeg(node, request, plan.baseUrl, leg, status, location);
			attempt--;
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
		if (!allowanceFull && attempt < policy.maxAttempts && shouldRetry({ kind: 'status', status }, leg.idempotent)) {
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
			refused: request.refused,
			attempts: attempt,
		});
		if (request.itemIndex !== undefined) error.context.itemIndex = request.itemIndex;
		throw error;
	}
}
