/**
 * Waiting for a slot in Aluma's document allowance (recognising its answer: allowanceAnswer.ts).
 * Once this process got that answer it knows the allowance is full at the documents it holds, so
 * new creations queue behind its waiters (first come, first served) instead of uploading into a
 * full allowance. A deletion in this process hands its slot to the head waiter at once; while the
 * process holds none of its own temporary documents (others hold the allowance), the head waiter
 * alone tries again, so the process has at most one refused upload out at a time while it waits.
 */
import { sleep } from 'n8n-workflow';

// Callers outside transport/ import it from here.
export { DEFAULT_DOCUMENT_ALLOWANCE } from './allowanceAnswer';

/**
 * How long a learned "full" stays trusted without a new cap answer: after it, the head waiter
 * tries once even while this process holds documents (another process may have freed slots, or
 * the allowance may have grown).
 */
export const FULL_TRUSTED_MS = 2000;
/** Longest pause before a waiter looks again at the stop signal, its deadline and its place. */
const RECHECK_MS = 500;

/** A turn to upload: a slot freed by a deletion here, or a try (probe) with no slot known free. */
export type Turn = 'free' | 'slot' | 'probe';

interface Waiter {
	turn?: Turn;
	wake: () => void;
	/** When this waiter may try on its own (as head, while the process holds no documents). */
	pollAt: number;
}

const state = {
	full: false,
	/** Last cap answer this process got. */
	fullAt: 0,
	/** Slots freed here while full with nobody waiting: a newcomer may use one. */
	credits: 0,
	/** Temporary documents this process created and will delete itself. */
	held: 0,
	/** A try with no slot known free is out (at most one). */
	probing: false,
};
const queue: Waiter[] = [];

function grant(waiter: Waiter, turn: Turn): void {
	waiter.turn = turn;
	waiter.wake();
}

function wakeHead(): void {
	queue[0]?.wake();
}

/** Called when this process deleted a document: the slot goes to the longest waiter at once. */
export function documentSlotFreed(): void {
	const head = queue.shift();
	if (head) grant(head, 'slot');
	else if (state.full) state.credits++;
}

/** A temporary document this process holds (it will delete it); `released` once it is gone or given up. */
export function documentHeld(): void {
	state.held++;
}
export function documentReleased(): void {
	state.held = Math.max(0, state.held - 1);
	// Nothing of ours left to free: the head waiter must try on its own now.
	if (state.held === 0) wakeHead();
}

/** A new creation: upload at once unless the allowance is known full (then `undefined`: queue). */
export function takeTurnNow(): Turn | undefined {
	if (!state.full && queue.length === 0) return 'free';
	if (state.credits > 0 && queue.length === 0) {
		state.credits--;
		return 'slot';
	}
	return undefined;
}

/** Aluma refused an upload with the cap answer. */
export function allowanceFull(turn: Turn): void {
	state.full = true;
	state.fullAt = Date.now();
	state.credits = 0;
	if (turn === 'probe') state.probing = false;
}

/** An upload succeeded (or failed otherwise) on this turn. */
export function uploadDone(turn: Turn, succeeded: boolean): void {
	if (turn === 'probe') state.probing = false;
	if (!succeeded) {
		// A slot handed to this upload is still free: pass it on.
		if (turn === 'slot') documentSlotFreed();
		else wakeHead();
		return;
	}
	if (queue.length === 0) {
		// Nobody waits: forget what was learned (the allowance may have grown).
		state.full = false;
		state.credits = 0;
	} else if (turn === 'probe' && !state.probing) {
		// A try with no slot known free succeeded: there may be more room, so the next one tries too.
		const head = queue.shift();
		if (head) {
			state.probing = true;
			grant(head, 'probe');
		}
	}
}

export interface WaitOptions {
	/** Pause before this waiter, as head of a process that holds no documents, tries again. */
	pollMs: number;
	/** The overall deadline (epoch ms); returns `undefined` when it passes. */
	deadline: number;
	/** Queue at the front (a waiter that was refused keeps its place) or at the back (a newcomer). */
	front: boolean;
	stopped: () => boolean;
}

/**
 * Waits for a turn: a slot freed here, or a try of its own as head. Returns `undefined` when the
 * deadline passed or the execution was stopped (the caller tells which).
 */
export async function waitForTurn(options: WaitOptions): Promise<Turn | undefined> {
	let wake!: () => void;
	let woken = new Promise<void>((resolve) => (wake = resolve));
	const waiter: Waiter = { wake: () => wake(), pollAt: Date.now() + options.pollMs };
	if (options.front) queue.unshift(waiter);
	else queue.push(waiter);
	const leave = () => {
		const index = queue.indexOf(waiter);
		if (index >= 0) queue.splice(index, 1);
	};
	for (;;) {
		if (waiter.turn) {
			if (!options.stopped()) return waiter.turn;
			// Stopped after a turn was handed over: pass it on.
			uploadDone(waiter.turn, false);
			return undefined;
		}
		const now = Date.now();
		if (now >= options.deadline || options.stopped()) {
			leave();
			wakeHead();
			return undefined;
		}
		if (queue[0] === waiter && !state.probing) {
			const mayPoll = state.held === 0 ? now >= waiter.pollAt : now - state.fullAt >= FULL_TRUSTED_MS;
			if (mayPoll) {
				leave();
				state.probing = true;
				return 'probe';
			}
		}
		const untilPoll = state.held === 0 ? waiter.pollAt - now : state.fullAt + FULL_TRUSTED_MS - now;
		const pause = Math.max(1, Math.min(RECHECK_MS, options.deadline - now, queue[0] === waiter ? Math.max(1, untilPoll) : RECHECK_MS));
		await Promise.race([woken, sleep(pause)]);
		woken = new Promise<void>((resolve) => (wake = resolve));
	}
}

/** For tests: the process-wide state back to its start. */
export function resetAllowanceState(): void {
	Object.assign(state, { full: false, fullAt: 0, credits: 0, held: 0, probing: false });
	queue.length = 0;
}
