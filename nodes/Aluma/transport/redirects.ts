/**
 * Redirects, followed by hand so they stay on the Aluma host (the token never leaves it) and follow
 * HTTP's rules for the method: a 303, and a 301/302 after a POST, continue as a GET without the
 * body (every common client does so: Aluma has acted and points at the result); 307/308 repeat the
 * request as it was (the server asks for that and has not acted).
 */
import type { IHttpRequestMethods, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isSameOrigin } from '../../../shared/baseUrl';

export const MAX_REDIRECTS = 3;

export interface Hop {
	method: IHttpRequestMethods;
	/** False when the body must not be sent again. */
	keepBody: boolean;
}

export function isRedirect(status: number): boolean {
	return [301, 302, 303, 307, 308].includes(status);
}

export function nextHop(status: number, method: IHttpRequestMethods): Hop {
	if (status === 307 || status === 308) return { method, keepBody: true };
	if (status === 303 && method !== 'GET' && method !== 'HEAD') return { method: 'GET', keepBody: false };
	if ((status === 301 || status === 302) && method === 'POST') return { method: 'GET', keepBody: false };
	return { method, keepBody: method !== 'GET' && method !== 'HEAD' };
}

/** Where one request is sent, and how, after the redirects it has followed so far. */
export interface Leg {
	url: string;
	method: IHttpRequestMethods;
	withBody: boolean;
	/** Safe to resend; a redirect that turned the request into a GET makes it so. */
	idempotent: boolean;
	redirects: number;
}

/** The leg after a redirect to `location`, unless it leaves the Aluma host or loops. */
export function redirectedLeg(
	node: INode,
	request: { what: string; itemIndex?: number },
	baseUrl: string,
	leg: Leg,
	status: number,
	location: string,
): Leg {
	if (!isSameOrigin(baseUrl, location, leg.url)) {
		throw new NodeOperationError(node, `Aluma redirected the request to ${request.what} away from its API host`, {
			description: 'The access token is only sent to the Base URL of the credential. Check that the Base URL is Aluma\'s API address',
			itemIndex: request.itemIndex,
		});
	}
	if (leg.redirects >= MAX_REDIRECTS) {
		throw new NodeOperationError(node, `Aluma redirected the request to ${request.what} more than ${MAX_REDIRECTS} times`, {
			description: 'Aluma (or a proxy in front of it) keeps redirecting. Check that the Base URL is Aluma\'s API address, and try again later',
			itemIndex: request.itemIndex,
		});
	}
	const hop = nextHop(status, leg.method);
	const next = hop.keepBody ? leg : { ...leg, method: hop.method, withBody: false, idempotent: true };
	return { ...next, url: new URL(location, leg.url).toString(), redirects: leg.redirects + 1 };
}
