/**
 * The Aluma host is the only place the access token may go. Everything that turns a base URL or a
 * user-supplied path into a request URL lives here so the rule is enforced in one place.
 */
export const DEFAULT_BASE_URL = 'https://api.aluma.io';

export class BaseUrlError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'BaseUrlError';
	}
}

function tryParseUrl(text: string, base?: string): URL | undefined {
	try {
		return new URL(text, base);
	} catch {
		return undefined;
	}
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Returns the base URL without a trailing slash, or throws when it is not an Aluma-safe origin. */
export function normalizeBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : DEFAULT_BASE_URL;
	const url = tryParseUrl(text);
	if (!url) {
		throw new BaseUrlError(
			`The Base URL "${text}" is not a valid URL`,
			`Use Aluma's API address, e.g. ${DEFAULT_BASE_URL}`,
		);
	}
	if (url.username || url.password) {
		throw new BaseUrlError(
			'The Base URL must not contain a user name or password',
			'Remove the user information; the credential sends the client ID and secret itself',
		);
	}
	if (url.search || url.hash) {
		throw new BaseUrlError(
			'The Base URL must not contain a query string or fragment',
			`Use only the scheme, host and optional path, e.g. ${DEFAULT_BASE_URL}`,
		);
	}
	const loopback = isLoopbackHost(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		throw new BaseUrlError(
			`The Base URL must use https (got ${url.protocol.replace(':', '')}://${url.host})`,
			'Aluma tokens are only sent over https. Plain http is allowed only for a local test server on 127.0.0.1 or localhost',
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * `normalizeBaseUrl`'s spelling rules (trimmed, the default when empty, no trailing slash) as an n8n
 * expression, for the credential test's request: n8n builds that request's address from an
 * expression only. The token exchange, which n8n runs first on every test, has already refused any
 * Base URL that `normalizeBaseUrl` refuses.
 */
export const BASE_URL_EXPRESSION = `={{ (String($credentials.baseUrl || "").trim() || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "") }}`;

/**
 * Joins an API path to the base URL. Absolute URLs, protocol-relative paths and dot segments are
 * refused, so a path taken from an item or an AI agent can never point the token at another host.
 */
export function buildApiUrl(baseUrl: string, path: string): string {
	const trimmed = path.trim();
	if (trimmed === '') {
		throw new BaseUrlError('The path is empty', 'Enter a path relative to the Base URL, e.g. /documents');
	}
	if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('\\')) {
		throw new BaseUrlError(
			`The path "${trimmed}" is an absolute URL`,
			'Enter a path relative to the Base URL of the credential, e.g. /documents. The access token is only ever sent to that host',
		);
	}
	const pathOnly = trimmed.split(/[?#]/)[0];
	// URL parsers treat a backslash as "/", and servers may decode %2F or %5C before routing.
	const segments = pathOnly.split(/\/|\\|%2f|%5c/i);
	if (segments.some((segment) => segment === '..' || segment === '.' || /%2e%2e|%2e\.|\.%2e/i.test(segment))) {
		throw new BaseUrlError(
			`The path "${trimmed}" contains "." or ".." segments`,
			'Use a plain path such as /documents/{id}; relative segments are not allowed',
		);
	}
	if (/\p{Cc}/u.test(trimmed)) {
		throw new BaseUrlError(`The path contains control characters`, 'Remove line breaks and control characters from the path');
	}
	const joined = `${baseUrl}/${trimmed.replace(/^\/+/, '')}`;
	const target = new URL(joined);
	if (target.origin !== new URL(baseUrl).origin) {
		throw new BaseUrlError(`The path "${trimmed}" leaves the Aluma host`, 'Enter a path relative to the Base URL');
	}
	return joined;
}

/** True when `url` (absolute, or relative to `baseURL`) is on the same origin as the Aluma base URL. */
export function isSameOrigin(baseUrl: string, url: string, requestBaseUrl?: string): boolean {
	const target = tryParseUrl(url, requestBaseUrl ?? baseUrl);
	return target !== undefined && target.origin === new URL(baseUrl).origin;
}

/** The address fields n8n's request helpers may hand a credential's `authenticate`. */
export interface RequestAddress {
	url?: unknown;
	uri?: unknown;
	baseURL?: unknown;
	baseUrl?: unknown;
}

function addressText(value: unknown): string | undefined {
	if (typeof value === 'string') return value === '' ? undefined : value;
	const href = (value as { href?: unknown } | null | undefined)?.href;
	return typeof href === 'string' && href !== '' ? href : undefined;
}

/** How axios joins a relative URL to its baseURL (plain concatenation, not URL resolution). */
const ABSOLUTE_OR_PROTOCOL_RELATIVE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/**
 * Every URL a request could go to, as each HTTP layer n8n uses would build it: the node helpers
 * pass `url` (+ `baseURL`), the older request path (HTTP Request node) passes `uri`, and a
 * relative path is joined to a base by URL resolution in one layer and by concatenation in axios.
 */
function possibleTargets(address: RequestAddress): string[] {
	const paths = [addressText(address.url), addressText(address.uri)].filter((text): text is string => text !== undefined);
	const bases = [addressText(address.baseURL), addressText(address.baseUrl)].filter((text): text is string => text !== undefined);
	if (paths.length === 0) return bases;
	if (bases.length === 0) return paths;
	return paths.flatMap((path) =>
		bases.flatMap((base) => [
			tryParseUrl(path, base)?.href ?? path,
			ABSOLUTE_OR_PROTOCOL_RELATIVE.test(path) ? path : `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`,
		]),
	);
}

/**
 * Where a request goes, when that is provably the Aluma host: undefined means "send the token",
 * otherwise the host it would reach instead ('an address that could not be read' when none is
 * given, or one is relative with no base). Used by the credential for every path n8n offers.
 */
export function foreignTargetOf(baseUrl: string, address: RequestAddress): string | undefined {
	const origin = new URL(baseUrl).origin;
	const targets = possibleTargets(address);
	if (targets.length === 0) return 'an address that could not be read';
	for (const target of targets) {
		const parsed = tryParseUrl(target);
		if (!parsed) return 'an address that could not be read';
		if (parsed.origin !== origin || parsed.username || parsed.password) return parsed.host || parsed.protocol;
	}
	return undefined;
}

/** Encodes one path segment (an id or a name typed by a user) so it cannot add segments or a query. */
export function encodeSegment(value: string): string {
	const encoded = encodeURIComponent(value);
	return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}
