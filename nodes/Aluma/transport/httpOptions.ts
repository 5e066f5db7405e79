/** The options n8n's request helper gets for one try of an Aluma request. */
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { AlumaRequest } from './requestPlan';

export interface RequestTry {
	method: IHttpRequestMethods;
	url: string;
	timeout: number;
	/** False on a hop that must not carry the body (a redirect turned it into a GET). */
	withBody: boolean;
	/** A download's own signal (see streamedAnswer.ts), the user's stop included. */
	abortSignal?: AbortSignal;
}

export async function httpOptions(request: AlumaRequest, hop: RequestTry): Promise<IHttpRequestOptions> {
	const headers: IDataObject = { ...request.headers };
	if (request.accept) headers.Accept = request.accept;
	// Files arrive as sent, so their Content-Length is the file's size and can be checked.
	if (request.receive) {
		for (const name of Object.keys(headers)) if (name.toLowerCase() === 'accept-encoding') delete headers[name];
		headers['Accept-Encoding'] = 'identity';
	}
	let body: IHttpRequestOptions['body'];
	if (hop.withBody && request.json !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(request.json);
	} else if (hop.withBody && request.body) {
		body = await request.body();
	} else {
		// No body on this hop: none of the body's headers either.
		for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
	}
	return {
		method: hop.method,
		url: hop.url,
		qs: request.qs,
		headers,
		body,
		timeout: hop.timeout,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Redirects are followed by the caller, and only on the Aluma host, so the token never leaves it.
		disableFollowRedirect: true,
		encoding: request.receive ? 'stream' : 'arraybuffer',
		...(hop.abortSignal ? { abortSignal: hop.abortSignal } : {}),
	};
}
