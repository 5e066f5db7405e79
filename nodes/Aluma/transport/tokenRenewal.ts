/**
 * Renewals are single-flight per credential across items, executions and load-options calls in
 * this process: the first request that needs a token carries an empty one so core runs the
 * credential's preAuthentication (and persists the result); the others wait for that token.
 * When Aluma refuses two tokens in a row that it has just issued, renewing again would only repeat
 * that, once per item: for a minute every request that would renew fails at once with one clear
 * error (the session checks `renewalPaused`).
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TokenState } from './tokenState';
import { renewalCarrier, tokenOf } from './tokenState';

type CredentialData = ICredentialDataDecryptedObject;

/** Renewals in flight per credential. */
const renewals = new Map<string, Promise<TokenState>>();
/** Per credential: fresh tokens Aluma refused in a row, and until when renewing is pointless. */
const freshRefusals = new Map<string, { count: number; pausedUntil: number }>();
const REFUSED_FRESH_TOKEN_PAUSE_MS = 60_000;
/** Two fresh tokens refused in a row: one could be a revocation racing the renewal, two are not. */
const FRESH_REFUSALS_TO_PAUSE = 2;

/** For tests (resetTokenCache): forget every renewal and refusal. */
export function resetRenewals(): void {
	renewals.clear();
	freshRefusals.clear();
}

export function renewalInFlight(key: string): Promise<TokenState> | undefined {
	return renewals.get(key);
}

export function renewalPaused(key: string): boolean {
	return (freshRefusals.get(key)?.pausedUntil ?? 0) > Date.now();
}

/** Aluma refused the token a renewal had just brought. */
export function freshTokenRefused(key: string): void {
	const count = (freshRefusals.get(key)?.count ?? 0) + 1;
	const pausedUntil = count >= FRESH_REFUSALS_TO_PAUSE ? Date.now() + REFUSED_FRESH_TOKEN_PAUSE_MS : 0;
	freshRefusals.set(key, { count, pausedUntil });
}

/** A request got through: refusals no longer come in a row. */
export function tokenAccepted(key: string): void {
	freshRefusals.delete(key);
}

export interface RenewalLead {
	key: string;
	data: CredentialData;
	makeOptions: () => Promise<IHttpRequestOptions>;
	/** Sends `options` with `carrier` as the credential data (the session's own send). */
	send: (options: IHttpRequestOptions, carrier: CredentialData) => Promise<IN8nHttpFullResponse>;
	/** Takes the new token into the session and this process's cache. */
	adopt: (token: TokenState) => void;
	getNode: () => INode;
}

/** Sends the request that renews the token; those waiting on `key` get the token as soon as core stores it. */
export async function leadRenewal(lead: RenewalLead): Promise<{ response: IN8nHttpFullResponse; token: string }> {
	const { key } = lead;
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
	const carrier = renewalCarrier(lead.data, (token) => {
		renewed = true;
		lead.adopt(token);
		resolveRenewal(token);
	});
	try {
		const response = await lead.send(await lead.makeOptions(), carrier);
		return { response, token: String(carrier.accessToken) };
	} catch (error) {
		if (!renewed) rejectRenewal(error);
		throw new NodeApiError(lead.getNode(), error as JsonObject);
	} finally {
		if (!renewed && carrier.accessToken !== '') {
			renewed = true;
			const token = tokenOf(carrier);
			lead.adopt(token);
			resolveRenewal(token);
		} else if (!renewed) {
			rejectRenewal(new Error('The Aluma access token could not be renewed'));
		}
		if (renewals.get(key) === renewal) renewals.delete(key);
	}
}
