/** What each HTTP status from Aluma means to someone building a workflow: a message and what to do. */
import { DEFAULT_DOCUMENT_ALLOWANCE } from './allowanceAnswer';

export interface StatusAdvice {
	message: string;
	description: string;
}

/** Per status: the message, with `{what}` for the request's verb phrase ("classify the document"), and the description. */
const ADVICE: Record<number, [message: string, description: string] | undefined> = {
	400: ['Aluma rejected the request to {what} as invalid', 'Check the parameters of this step against what Aluma expects'],
	401: [
		'Aluma did not accept the access token',
		'The node renewed the token and resent the request once, and Aluma still refused it. Check that the API client in the Aluma API credential is still active',
	],
	403: [
		'Aluma refused to {what}',
		`The API client is not allowed to do this, or an Aluma limit was reached (by default an API client may hold ${DEFAULT_DOCUMENT_ALLOWANCE} documents at once). Check the API client in the Aluma admin portal`,
	],
	404: ['Aluma could not find what was asked for when trying to {what}', 'Check the ID or name used in this step; it may have been deleted'],
	405: ['Aluma does not allow this method to {what}', 'Check the method and path of the request'],
	409: [
		'Aluma reported a conflict when trying to {what}',
		'Something with this name already exists. Choose another name or delete the existing one first',
	],
	413: ['The file is too large for Aluma', 'Split the document or reduce its size (e.g. lower the scan resolution) and try again'],
	415: [
		'Aluma does not accept this content type when trying to {what}',
		'Check the MIME type of the binary data; set the correct file type before this step',
	],
	422: [
		'Aluma could not process the request to {what}',
		'The request was well formed but Aluma could not act on it; the details below say why',
	],
	429: [
		'Aluma is limiting the rate of requests',
		'The node waited and retried. Reduce the concurrency of this step, or wait before running the workflow again',
	],
};

/** Aluma deletes a document left unused for 10 minutes, a likely cause of a 404 for one. */
const DOCUMENT_EXPIRY = ', or documents are deleted by Aluma after 10 minutes unused';

export function adviceForStatus(status: number, what: string): StatusAdvice {
	const known = ADVICE[status];
	if (known) {
		// A function as replacement, so a `$` in `what` (a classifier's name) is kept as typed.
		const message = known[0].replace('{what}', () => what);
		const description = status === 404 && /\bdocument/.test(what) ? `${known[1]}${DOCUMENT_EXPIRY}` : known[1];
		return { message, description };
	}
	if (status >= 500) {
		return {
			message: `Aluma had a server error (HTTP ${status}) when trying to ${what}`,
			description: 'This is a problem on Aluma\'s side. The node retried the request; try again in a few minutes',
		};
	}
	return { message: `Aluma answered HTTP ${status} when trying to ${what}`, description: 'Check the parameters of this step' };
}
