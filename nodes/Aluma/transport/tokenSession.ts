/**
 * Keeps requests supplied with a live access token. n8n core only renews a pre-authenticated token
 * when the stored one is empty or a request gets 401, and lets every parallel request renew on its
 * own. Here, instead:
 * - the credential is decrypted once per execution and passed to core with each request;
 * - a token is renewed before the expiry stored with it, so no request goes out with a dead token;
 * - a 401 (token revoked early) makes the request take part in a renewal and resend; a request
 *   whose newer token is refused as well takes part in one more (so a revocation racing a parallel
 *   batch costs no item), and never more;
 * - renewals are single-flight per credential in this process, and pause after two fresh tokens
 *   refused in a row (tokenRenewal.ts);
 * - clean-up requests can be sent `detached` from the execution's cancel signal, which n8n attaches
 *   to every authenticated request, so a stopped run still deletes what it created.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { freshTokenRefused, leadRenewal, renewalInFlight, renewalPaused, resetRenewals, tokenAccepted } from './tokenRenewal';
import type { TokenState } from './tokenState';
import { FreshTokenRefusedError, detachedFrom, isTokenUsable, tokenOf } from './tokenState';

export const CREDENTIAL_TYPE = 'alumaApi';

export type AlumaContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

type CredentialData = ICredentialDataDecryptedObject;

/** Latest token per credential in this process, so a second execution does not renew again. */
const latestTokens = new Map<string, TokenState>();
/** Rounds of renewal one request may take part in after a 401. */
const MAX_RENEWAL_ROUNDS = 2;

/** For tests: forget every token and renewal this process knows about. */
export function resetTokenCache(): void {
	latestTokens.clear();
	resetRenewals();
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

	private async sendWith(options: IHttpRequestOptions, data: CredentialData, detached: boolean): Promise<IN8nHttpFullResponse> {
		const { id, name } = this.credentialRef;
		// Core replaces a request's own abort signal with the execution's; a download brings one (see streamedAnswer.ts).
		const caller = detached || options.abortSignal ? detachedFrom(this.ctx) : this.ctx;
		return (await this.ctx.helpers.httpRequestWithAuthentication.call(caller, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: { id, name, type: CREDENTIAL_TYPE, data },
		})) as IN8nHttpFullResponse;
	}

	/**
	 * Sends one request with a usable token. `makeOptions` is called for every send, so bodies that
	 * can be read only once (streams) are rebuilt for the resend after a renewal. `detached`: not
	 * aborted when the user stops the execution (clean-up).
	 */
	async send(makeOptions: () => Promise<IHttpRequestOptions>, detached = false): Promise<IN8nHttpFullResponse> {
		const data = await this.credentials();
		const used = tokenOf(data);
		if (!isTokenUsable(used)) return await this.renewAndSend(makeOptions, used.accessToken, detached);
		const response = await this.sendWith(await makeOptions(), data, detached);
		if (response.statusCode !== 401) return response;
		return await this.renewAndSend(makeOptions, used.accessToken, detached);
	}

	/** A usable token other than `staleToken` that this session or this process already holds. */
	private newerToken(key: string, staleToken: string): TokenState | undefined {
		const mine = this.data ? tokenOf(this.data) : undefined;
		if (mine && mine.accessToken !== staleToken && isTokenUsable(mine)) return mine;
		const known = latestTokens.get(key);
		if (known && known.accessToken !== staleToken && isTokenUsable(known)) return known;
		return undefined;
	}

	private async renewAndSend(
		makeOptions: () => Promise<IHttpRequestOptions>,
		staleToken: string,
		detached: boolean,
	): Promise<IN8nHttpFullResponse> {
		const data = await this.credentials();
		const key = this.cacheKey(data);
		let stale = staleToken;
		let response: IN8nHttpFullResponse | undefined;
		for (let round = 1; round <= MAX_RENEWAL_ROUNDS; round++) {
			// Someone renewed since this request's token was read, or is renewing: use theirs.
			const inFlight = renewalInFlight(key);
			const newer = this.newerToken(key, stale) ?? (inFlight ? await inFlight : undefined);
			if (newer) {
				this.adopt(newer);
				response = await this.sendWith(await makeOptions(), this.data as CredentialData, detached);
				stale = newer.accessToken;
			} else {
				if (renewalPaused(key)) throw new FreshTokenRefusedError();
				const led = await leadRenewal({
					key,
					data,
					makeOptions,
					send: (options, carrier) => this.sendWith(options, carrier, detached),
					adopt: (token) => this.adopt(token),
					getNode: () => this.ctx.getNode(),
				});
				response = led.response;
				stale = led.token;
				if (response.statusCode === 401) freshTokenRefused(key);
			}
			if (response.statusCode !== 401) {
				tokenAccepted(key);
				return response;
			}
			if (renewalPaused(key)) throw new FreshTokenRefusedError();
		}
		return response as IN8nHttpFullResponse;
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
