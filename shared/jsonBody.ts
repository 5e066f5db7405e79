/**
 * Reading a body the HTTP layer hands over as bytes or text: the token answer, Aluma's error
 * answers and its undocumented write answers all need "UTF-8 text, then a JSON object if it is one".
 */
export function bodyText(body: unknown): string {
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return typeof body === 'string' ? body : '';
}

/** The JSON object in a body (bytes, text, or already parsed), or undefined for anything else. */
export function parseJsonObject(body: unknown): Record<string, unknown> | undefined {
	let value = body;
	if (Buffer.isBuffer(value) || typeof value === 'string') {
		try {
			value = JSON.parse(bodyText(value)) as unknown;
		} catch {
			return undefined;
		}
	}
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
