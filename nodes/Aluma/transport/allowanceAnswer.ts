/**
 * Recognising Aluma's answer that the document allowance is full: "by default, up to 30 documents
 * present in Aluma per API client at any one time". The real number can differ per account, and the
 * answer at the limit is not documented, so the node never assumes a number: it reads the wording.
 */
import type { AlumaErrorDetails } from './errorBody';

/** The documented default, used only in wording and as the upper bound of a step's concurrency. */
export const DEFAULT_DOCUMENT_ALLOWANCE = 30;

const ALLOWANCE_TYPE = /document[-_]?(?:limit|cap|allowance|slots?)(?:[-_](?:reached|exceeded|full))?$/i;
const ALLOWANCE_TEXT =
	/maximum number of documents|document (?:limit|cap|allowance)|too many documents|document slots are full/i;

/** Any of the wordings (problem `type`, `title`, `detail`, legacy `message`) on the statuses it may come with. */
export function isDocumentAllowanceAnswer(status: number, details: AlumaErrorDetails): boolean {
	if (![403, 409, 429].includes(status)) return false;
	if (details.type && ALLOWANCE_TYPE.test(details.type.replace(/[?#].*$/, ''))) return true;
	return [details.title, details.detail, details.legacyMessage].some((text) => text !== undefined && ALLOWANCE_TEXT.test(text));
}
