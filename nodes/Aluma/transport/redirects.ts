/**
 * Redirects, followed by hand so they stay on the Aluma host (the token never leaves it) and follow
 * HTTP's rules for the method: a 303, and a 301/302 after a POST, continue as a GET without the
 * body (every common client does so: Aluma has acted and points at the result); 307/308 repeat the
 * request as it was (the server asks for that and has not acted).
 */
import type { IHttpRequestMethods } from 'n8n-workflow';

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
