import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import type { RequestAddress } from '../shared/baseUrl';
import { BASE_URL_EXPRESSION, DEFAULT_BASE_URL, foreignTargetOf, normalizeBaseUrl } from '../shared/baseUrl';
import { TokenExchangeError, exchangeClientCredentials, isTokenExchangeError } from '../shared/tokenExchange';
import { authorizationScheme } from '../shared/tokenFields';

/**
 * Aluma API clients authenticate with a client ID and secret exchanged for a bearer token
 * (`POST /oauth/token`, no refresh token). n8n runs `preAuthentication` when the hidden, expirable
 * `accessToken` is empty or a request gets 401, and persists what it returns; the Aluma node also
 * renews ahead of `tokenExpiresAt` (see nodes/Aluma/transport/tokenSession.ts).
 */
export class AlumaApi implements ICredentialType {
	name = 'alumaApi';

	displayName = 'Aluma API';

	icon: Icon = { light: 'file:../nodes/Aluma/aluma.svg', dark: 'file:../nodes/Aluma/aluma.dark.svg' };

	documentationUrl = 'https://github.com/aluma-community/n8n-nodes-aluma?tab=readme-ov-file#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 3f9c2b7e-acme-invoices',
			description: 'The client ID of an API client created in the Aluma admin portal',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret of that API client',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Address of the Aluma API. Must use https; plain http is accepted only for a local test server on 127.0.0.1 or localhost.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Expires At',
			name: 'tokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: 0,
		},
		{
			displayName: 'Token Type',
			name: 'tokenType',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		try {
			return await exchangeClientCredentials(this.helpers.httpRequest, credentials);
		} catch (error) {
			// n8n wraps this in a NodeApiError, which replaces the message of an error carrying an HTTP
			// code with a generic one ("Authorization failed"); without the code the credential test
			// shows what Aluma refused.
			if (isTokenExchangeError(error)) throw new TokenExchangeError(error.message, error.description);
			throw error;
		}
	}

	/**
	 * Adds the token only to requests that provably go to the credential's own Aluma host, whichever
	 * way n8n describes the request (`url`, `uri`, `baseURL`, absolute or relative): this runs for
	 * the Aluma node and also for n8n's HTTP Request node using this credential.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseUrl = normalizeBaseUrl(credentials.baseUrl);
		const elsewhere = foreignTargetOf(baseUrl, requestOptions as RequestAddress);
		if (elsewhere !== undefined) {
			throw new Error(
				`The Aluma API credential sends its access token only to ${new URL(baseUrl).host}, and this request goes to ${elsewhere}. Use an address on the Aluma API (the credential's Base URL), or another credential for other hosts.`,
			);
		}
		return {
			...requestOptions,
			// n8n 1.x re-adds the Authorization header when it follows a redirect to another host unless told not to.
			sendCredentialsOnCrossOriginRedirect: false,
			headers: { ...requestOptions.headers, Authorization: `${authorizationScheme(credentials.tokenType || 'Bearer')} ${String(credentials.accessToken ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/classifiers',
			method: 'GET',
		},
	};
}
