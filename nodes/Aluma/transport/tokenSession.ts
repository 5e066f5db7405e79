/**
 * Keeps requests supplied with a live access token. n8n core only renews a pre-authenticated token
 * when the stored one is empty or a request gets 401, and lets every parallel request renew on its
 * own. Here, instead:
 * - the credential is decrypted once per execution and passed to core with each request;
 * - a token is renewed before the expiry stored with it, so no request goes out with a dead token;
 * - a 401 (token revoked early) causes one renewal and one resend of that request;
 * - renewals are single-flight per credential across items, executions and load-options calls in
 *   this process: the first request that needs a token carries an empty one so core runs the
 *   credential's preAuthentication (and persists the result); the others wait for that token.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'alumaApi';

export type AlumaContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

type CredentialData = ICredentialDataDecryptedObject;

interface TokenState {
	accessToken: string;
	tokenExpiresAt: number;
	tokenType?: string;
}

/** Latest token per credential in this process, so a second execution does not renew again. */
const latestTokens = new Map<string, TokenState>();
/** Renewals in flight per credential. */
const renewals = new Map<string, Promise<TokenState>>();

export function tokenOf(data: CredentialData): TokenState {
	return { accessToken: String(data.accessToken ?? ''), tokenExpiresAt: Number(data.tokenExpiresAt ?? 0) || 0, tokenType: String(data.tokenType ?? '') };
}

/** Usable: present and not past the renew-by time stored with it (a token with no time is trusted until a 401). */
export function isTokenUsable(token: TokenState, now: number = Date.now()): boolean {
	return token.accessToken !== '' && (token.tokenExpiresAt === 0 || now < token.tokenExpiresAt);
}

/** For tests: forget every token and renewal this process knows about. */
export function resetTokenCache(): void {
	latestTokens.clear();
	renewals.clear();
}

/**
 * Credential data whose `accessToken` starts empty (so core's preAuthentication runs) and that
 * reports the new token as soon as core stores it, before the request it rides on has finished.
 */
function renewalCarrier(data: CredentialData, onToken: (token: TokenState) => void): CredentialData {
	const carrier: CredentialData = { ...data, tokenExpiresAt: 0 };
	let accessToken = '';
	Object.defineProperty(carrier, 'accessToken', {
		enumerable: true,
		configurable: true,
		get: () => accessToken,
		set: (value: unknown) => {
			accessToken = typeof value === 'string' ? value : '';
			// Core assigns all returned fields in one Object.assign; read them once it is done.
			if (accessToken !== '') void Promise.resolve().then(() => onToken(tokenOf(carrier)));
		},
	});
	return carrier;
}

export class TokenSession {
	private data?: CredentialData;
	private loading?: Promise<CredentialData>;

	constructor(private readonly ctx: AlumaContext) {}

	private get credentialRef(): { id: string; name: string } {
		const ref = this.ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		return { id: ref?.id ?? ref?.name ?? 'unsaved', name: ref?.name ?? 'Aluma API' };
	}

	private cacheKey(data: CredentialData): string {
		return `${this.credentialRef.id}\u0000${String(data.baseUrl ?? '')}\u0000${String(data.clientId ?? '')}`;
	}

	async credentials(): Promise<CredentialData> {
		if (this.data) return this.data;
		this.loading ??= this.ctx.getCredentials<CredentialData>(CREDENTIAL_TYPE).then((stored) => {
			const data: CredentialData = { ...stored };
			const known = latestTokens.get(this.cacheKey(data));
			if (known && isTokenUsable(known) && !isTokenUsable(tokenOf(data))) Object.assign(data, known);
			this.data = data;
			return data;
		});
		return await this.loading;
	}

	private adopt(token: TokenState): void {
		if (!this.data) return;
		this.data = { ...this.data, ...token };
		latestTokens.set(this.cacheKey(this.data), token);
	}

	private async sendWith(options: IHttpRequestOptions, data: CredentialData): Promise<IN8nHttpFullResponse> {
		const { id, name } = this.credentialRef;
		return (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: { id, name, type: CREDENTIAL_TYPE, data },
		})) as IN8nHttpFullResponse;
	}

	/**
	 * Sends one request with a usable token. `makeOptions` is called for every send, so bodies that
	 * can be read only once (streams) are rebuilt for the resend after a renewal.
	 */
	async send(makeOptions: () => Promise<IHttpRequestOptions>): Promise<IN8nHttpFullResponse> {
		const data = await this.credentials();
		const used = tokenOf(data);
		if (!isTokenUsable(used)) return await this.renewAndSend(makeOptions, used.accessToken);
		const response = await this.sendWith(await makeOptions(), data);
		if (response.statusCode !== 401) return response;
		return await this.renewAndSend(makeOptions, used.accessToken);
	}

	private async renewAndSend(
		makeOptions: () => Promise<IHttpRequestOptions>,
		staleToken: string,
	): Promise<IN8nHttpFullResponse> {
		const data = await this.credentials();
		const key = this.cacheKey(data);
		const current = this.data ? tokenOf(this.data) : undefined;
		// Someone renewed since this request's token was read: resend once with theirs.
		if (current && current.accessToken !== staleToken && isTokenUsable(current)) {
			return await this.sendWith(await makeOptions(), this.data as CredentialData);
		}
		const known = latestTokens.get(key);
		if (known && known.accessToken !== staleToken && isTokenUsable(known)) {
			this.adopt(known);
			return await this.sendWith(await makeOptions(), this.data as CredentialData);
		}
		const pending = renewals.get(key);
		if (pending) {
			this.adopt(await pending);
			return await this.sendWith(await makeOptions(), this.data as CredentialData);
		}
		return await this.leadRenewal(key, makeOptions, data);
	}

	private async leadRenewal(
		key: string,
		makeOptions: () => Promise<IHttpRequestOptions>,
		data: CredentialData,
	): Promise<IN8nHttpFullResponse> {
		let resolveRenewal!: (token: TokenState) => void;
		let rejectRenewal!: (error: unknown) => void;
		const renewal = new Promise<TokenState>((resolve, reject) => {
			resolveRenewal = resolve;
			rejectRenewal = reject;
		});
		// Followers attach their own handlers; this one only keeps an unobserved failure quiet.
		renewal.catch(() => undefined);
		renewals.set(key, renewal);
		let renewed = false;
		const carrier = renewalCarrier(data, (token) => {
			renewed = true;
			this.adopt(token);
			resolveRenewal(token);
		});
		try {
			return await this.sendWith(await makeOptions(), carrier);
		} catch (error) {
			if (!renewed) rejectRenewal(error);
			throw new NodeApiError(this.ctx.getNode(), error as JsonObject);
		} finally {
			if (!renewed && carrier.accessToken !== '') {
				renewed = true;
				const token = tokenOf(carrier);
				this.adopt(token);
				resolveRenewal(token);
			} else if (!renewed) {
				rejectRenewal(new Error('The Aluma access token could not be renewed'));
			}
			if (renewals.get(key) === renewal) renewals.delete(key);
		}
	}
}

const sessions = new WeakMap<object, TokenSession>();

/** One session per node run (the execute/load-options context object n8n hands the node). */
export function sessionFor(ctx: AlumaContext): TokenSession {
	let session = sessions.get(ctx);
	if (!session) {
		session = new TokenSession(ctx);
		sessions.set(ctx, session);
	}
	return session;
}
