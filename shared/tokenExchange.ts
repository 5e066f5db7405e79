/**
 * Client-credentials exchange, run by the credential's preAuthentication hook. Kept out of the
 * credential class so it can be unit tested and so its error handling never sees the secret twice.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { normalizeBaseUrl } from './baseUrl';
import { parseJsonObject } from './jsonBody';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, backoffDelay, isTransientStatus, networkCodeOf, shouldRetry } from './retry';
import { authorizationScheme, computeTokenExpiresAt } from './tokenFields';

type HttpRequest = IHttpRequestHelper['helpers']['httpRequest'];

const TOKEN_TIMEOUT_MS = 30_000;
/** Aluma's token endpoint (documented), also listed with every other path in the node's routes. */
export const TOKEN_PATH = '/oauth/token';
/** The API's policy with fewer tries (a credential test waits for them): 0.5–1 s, then 1–2 s. */
const TOKEN_RETRY_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 1000 };

export class TokenExchangeError extends Error {
	readonly isAlumaTokenError = true;
	constructor(
		message: string,
		readonly description: string,
		readonly httpCode?: string,
	) {
		super(message);
		this.name = 'TokenExchangeError';
	}
}

export function isTokenExchangeError(error: unknown): error is TokenExchangeError {
	return typeof error === 'object' && error !== null && (error as TokenExchangeError).isAlumaTokenError === true;
}

interface TokenBody {
	access_token?: unknown;
	token_type?: unknown;
	expires_in?: unknown;
}

async function postToken(
	httpRequest: HttpRequest,
	url: string,
	format: 'form' | 'json',
	clientId: string,
	clientSecret: string,
): Promise<IN8nHttpFullResponse> {
	const fields = { client_id: clientId, client_secret: clientSecret };
	return (await httpRequest({
		method: 'POST',
		url,
		headers: {
			'Content-Type': format === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
			Accept: 'application/json',
		},
		// A string body: the outbound layer sends it as is (an object would be re-encoded).
		body: format === 'form' ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		encoding: 'arraybuffer',
		timeout: TOKEN_TIMEOUT_MS,
	})) as IN8nHttpFullResponse;
}

/** Exchanges the client ID and secret for a token; returns the three hidden credential fields. */
export async function exchangeClientCredentials(
	httpRequest: HttpRequest,
	credentials: ICredentialDataDecryptedObject,
	now: () => number = () => Date.now(),
): Promise<IDataObject> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '');
	if (!clientId || !clientSecret) {
		throw new TokenExchangeError(
			'The Aluma API credential has no client ID or client secret',
			'Open the Aluma API credential and enter the Client ID and Client Secret of an API client from the Aluma admin portal',
		);
	}
	const url = `${baseUrl}${TOKEN_PATH}`;
	const host = new URL(baseUrl).host;

	let format: 'form' | 'json' = 'form';
	let response: IN8nHttpFullResponse | undefined;
	for (let attempt = 1; attempt <= TOKEN_RETRY_POLICY.maxAttempts; attempt++) {
		const issuedAt = now();
		// Never rethrow the raw error: its request config holds the secret.
		const sent = await postToken(httpRequest, url, format, clientId, clientSecret).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ code: networkCodeOf(error) ?? 'network error' }),
		);
		if ('code' in sent) {
			if (attempt < TOKEN_RETRY_POLICY.maxAttempts && shouldRetry({ kind: 'network', code: sent.code }, true)) {
				await sleep(backoffDelay(attempt, TOKEN_RETRY_POLICY));
				continue;
			}
			throw new TokenExchangeError(
				`Could not reach Aluma at ${host} to get an access token (${sent.code})`,
				'Check the Base URL in the Aluma API credential and that n8n can reach it',
			);
		}
		response = sent.answer;
		const status = response.statusCode;
		// Older Aluma docs show a form body, newer ones JSON: switch once if the form is refused.
		if ((status === 400 || status === 415) && format === 'form') {
			format = 'json';
			attempt--;
			continue;
		}
		if (status >= 200 && status < 300) {
			const body = parseJsonObject(response.body) as TokenBody | undefined;
			const token = body?.access_token;
			if (typeof token !== 'string' || token === '') {
				throw new TokenExchangeError(
					'Aluma answered the token request without an access token',
					'Check that the Base URL points at the Aluma API (e.g. https://api.aluma.io), not the web app',
					String(status),
				);
			}
			return {
				accessToken: token,
				tokenExpiresAt: computeTokenExpiresAt(issuedAt, body?.expires_in),
				tokenType: authorizationScheme(body?.token_type),
			};
		}
		if (status === 401 || status === 403) {
			throw new TokenExchangeError(
				'Aluma rejected the client ID or client secret',
				'Check the Client ID and Client Secret in the Aluma API credential. If the API client was deleted or its secret regenerated, create new ones in the Aluma admin portal',
				String(status),
			);
		}
		if (attempt < TOKEN_RETRY_POLICY.maxAttempts && shouldRetry({ kind: 'status', status }, true)) {
			await sleep(backoffDelay(attempt, TOKEN_RETRY_POLICY));
			continue;
		}
		if (isTransientStatus(status)) {
			throw new TokenExchangeError(
				`Aluma's token service failed (HTTP ${status})`,
				'This is a problem on Aluma\'s side. The request was retried; try again in a few minutes',
				String(status),
			);
		}
		throw new TokenExchangeError(
			`Aluma refused the token request (HTTP ${status})`,
			'Check the Base URL and the client ID in the Aluma API credential',
			String(status),
		);
	}
	throw new TokenExchangeError('Aluma refused the token request', 'Check the Aluma API credential');
}
