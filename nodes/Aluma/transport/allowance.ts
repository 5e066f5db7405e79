/**
 * Aluma's document allowance: "by default, up to 30 documents present in Aluma per API client at
 * any one time". The real number can differ per account, and Aluma's answer at the limit is not
 * documented, so the node never counts slots itself: it recognises the answer and waits.
 */
import { sleep } from 'n8n-workflow';

import type { AlumaErrorDetails } from './errors';

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

/** Creations waiting for a slot in this process, woken one per deletion (first come, first served). */
const waiters: Array<() => void> = [];

/** Called when this process deleted a document: the slot goes to the longest waiter at once. */
export function documentSlotFreed(): void {
	waiters.shift()?.();
}

/**
 * Waits until this process frees a slot or `maxMs` passes (other processes' deletions are only
 * seen by trying again), whichever comes first.
 */
export async function waitForFreedSlot(maxMs: number): Promise<void> {
	let wake!: () => void;
	const freed = new Promise<void>((resolve) => (wake = resolve));
	waiters.push(wake);
	await Promise.race([freed, sleep(maxMs)]);
	const index = waiters.indexOf(wake);
	if (index >= 0) waiters.splice(index, 1);
}
