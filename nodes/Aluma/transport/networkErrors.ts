/**
 * Failures with no usable HTTP answer from Aluma (reset, timeout, DNS, broken HTTP) and a token
 * Aluma refuses as soon as it issued it, worded for someone building a workflow. Never wraps the
 * raw error, whose request config carries the token.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

const NETWORK_FAILURE_WORDS: Record<string, string> = {
	ECONNRESET: 'connection reset',
	ECONNREFUSED: 'connection refused',
	EPIPE: 'connection closed while sending',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ENETUNREACH: 'network unreachable',
	EHOSTUNREACH: 'host unreachable',
};

const NOT_VALID_HTTP = 'an answer that is not valid HTTP';

/** For failures with no HTTP answer (reset, timeout, DNS, an answer that is not valid HTTP). */
export function alumaNetworkError(node: INode, code: string, what: string, attempts: number): NodeApiError {
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
	// The raw code stays out of the message: n8n swaps messages that contain one for generic text.
	const notHttp = code.startsWith('HPE_');
	const message = timedOut
		? `Aluma did not answer in time when trying to ${what}`
		: notHttp
			? `Aluma sent ${NOT_VALID_HTTP} when trying to ${what}`
			: `The connection to Aluma failed when trying to ${what} (${NETWORK_FAILURE_WORDS[code] ?? 'network error'})`;
	const description = timedOut
		? `Large documents take longer to process. Raise the Timeout option of this step, or try again later. A call that times out is sent once more at most (${code})`
		: notHttp
			? `Aluma, or a proxy in front of it, answered with a broken HTTP message. This is not a problem with the workflow; the node retried where it was safe. Try again later (${code})`
			: `Check that n8n can reach the Base URL of the Aluma API credential. The node retried where it was safe (${code})`;
	return new NodeApiError(
		node,
		{ message, networkCode: code },
		{
			message,
			description: attempts > 1 ? `${description}. Tried ${attempts} times` : description,
		},
	);
}

/** Aluma refused a token it had just issued; renewing again per item would only repeat it. */
export function freshTokenRefusedError(node: INode, itemIndex?: number): NodeApiError {
	const message = 'Aluma refused the access token it had just issued to this API client';
	const error = new NodeApiError(node, { message, httpCode: '401' }, {
		message,
		description:
			'The node exchanged the client ID and secret for a new token, and Aluma rejected that token at once. Check in the Aluma admin portal that the API client is active and allowed to use this API. The node stops renewing for a minute instead of exchanging once per item',
		httpCode: '401',
		itemIndex,
	});
	error.message = message;
	return error;
}
