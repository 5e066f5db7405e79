/**
 * Checks a URL that Aluma will download a document from. Aluma fetches it from the internet, so a
 * loopback, private or link-local address can never work and usually means a mistake (or an
 * attempt to make a server fetch internal resources).
 */
const PRIVATE_V4 = [
	/^127\./,
	/^10\./,
	/^192\.168\./,
	/^172\.(1[6-9]|2\d|3[01])\./,
	/^169\.254\./,
	/^0\./,
	/^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

export function isPrivateHost(hostname: string): boolean {
	// "localhost." is the same host as "localhost" (a fully qualified name ends with a dot).
	const host = hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0') return true;
	if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return PRIVATE_V4.some((pattern) => pattern.test(host));
	if (host.includes(':')) {
		return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
	}
	return false;
}

export type UrlProblem = { message: string; hint: string };

export function checkImportUrl(raw: string): UrlProblem | undefined {
	const text = raw.trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url) return { message: `"${text}" is not a valid URL`, hint: 'Enter a full URL, e.g. https://example.com/invoice.pdf' };
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return {
			message: `The URL scheme "${url.protocol.replace(':', '')}" is not supported`,
			hint: 'Aluma can only import documents from http or https URLs (https is recommended)',
		};
	}
	if (isPrivateHost(url.hostname)) {
		return {
			message: `The URL points at a local or private address (${url.hostname})`,
			hint: 'Aluma downloads the file from the internet and cannot reach it. Send the file itself with "Create From File" instead',
		};
	}
	return undefined;
}
