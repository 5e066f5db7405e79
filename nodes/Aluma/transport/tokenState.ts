/**
 * A token as stored with the credential, and the small pieces the session builds on: whether a
 * token is usable, the credential data that makes n8n core renew it, the error for a token Aluma
 * refuses as soon as it issued it, and request helpers detached from the execution's cancel signal.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { AlumaContext } from './tokenSession';

type CredentialData = ICredentialDataDecryptedObject;

export interface TokenState {
	accessToken: string;
	tokenExpiresAt: number;
	tokenType?: string;
}

/** Aluma refused a token it had just issued: the API client cannot use this API right now. */
export class FreshTokenRefusedError extends Error {
	readonly isAlumaFreshTokenRefused = true;
	constructor() {
		super('Aluma refused the access token it had just issued to this API client');
		this.name = 'FreshTokenRefusedError';
	}
}

export function isFreshTokenRefused(error: unknown): error is FreshTokenRefusedError {
	return (error as FreshTokenRefusedError | undefined)?.isAlumaFreshTokenRefused === true;
}

export function tokenOf(data: CredentialData): TokenState {
	return { accessToken: String(data.accessToken ?? ''), tokenExpiresAt: Number(data.tokenExpiresAt ?? 0) || 0, tokenType: String(data.tokenType ?? '') };
}

/** Usable: present and not past the renew-by time stored with it (a token with no time is trusted until a 401). */
export function isTokenUsable(token: TokenState, now: number = Date.now()): boolean {
	return token.accessToken !== '' && (token.tokenExpiresAt === 0 || now < token.tokenExpiresAt);
}

/**
 * The same request helpers without the execution's cancel signal: core attaches it only when the
 * calling context has `getExecutionCancelSignal`. Everything else core reads from `this` is here.
 */
export function detachedFrom(ctx: AlumaContext): AlumaContext {
	return {
		helpers: ctx.helpers,
		logger: ctx.logger,
		getNode: () => ctx.getNode(),
		getCredentials: async (type: string, itemIndex?: number) => await ctx.getCredentials(type, itemIndex),
	} as unknown as AlumaContext;
}

/**
 * Credential data whose `accessToken` starts empty (so core's preAuthentication runs) and that
 * reports the new token as soon as core stores it, before the request it rides on has finished.
 */
export function renewalCarrier(data: CredentialData, onToken: (token: TokenState) => void): CredentialData {
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
