/**
 * The process-wide queue for Aluma's document allowance (transport/allowance.ts): once full is
 * learned, newcomers queue behind waiters, a freed slot goes to the longest waiter, and only the
 * head tries on its own (one try at a time).
 */
import {
	allowanceFull,
	documentHeld,
	documentReleased,
	documentSlotFreed,
	resetAllowanceState,
	takeTurnNow,
	uploadDone,
	waitForTurn,
} from '../../../nodes/Aluma/transport/allowance';

const wait = async (front = false, pollMs = 60_000, deadline = Date.now() + 5000, stopped = () => false) =>
	await waitForTurn({ pollMs, deadline, front, stopped });
const tick = async () => await new Promise<void>((resolve) => queueMicrotask(resolve));

describe('the allowance queue', () => {
	beforeEach(() => resetAllowanceState());

	it('uploads at once while nothing is learned', () => {
		expect(takeTurnNow()).toBe('free');
	});

	it('a freed slot goes to the longest waiter, not to a newcomer', async () => {
		documentHeld();
		allowanceFull('free');
		const order: string[] = [];
		const first = wait(true).then((turn) => order.push(`first:${turn}`));
		const second = wait(false).then((turn) => order.push(`second:${turn}`));
		await tick();
		expect(takeTurnNow()).toBeUndefined();
		documentSlotFreed();
		// The newcomer arriving right after the deletion does not race the woken waiter.
		expect(takeTurnNow()).toBeUndefined();
		await first;
		expect(order).toEqual(['first:slot']);
		uploadDone('slot', true);
		documentSlotFreed();
		await second;
		expect(order).toEqual(['first:slot', 'second:slot']);
	});

	it('holding no documents, only the head tries, one try at a time', async () => {
		allowanceFull('free');
		const turns: Array<string | undefined> = [];
		const head = wait(true, 20).then((turn) => turns.push(`head:${turn}`));
		const next = wait(false, 0, Date.now() + 300).then((turn) => turns.push(`next:${turn}`));
		await head;
		expect(turns).toEqual(['head:probe']);
		// The head's try is out: the next waiter does not try too; it runs into its deadline.
		await next;
		expect(turns).toEqual(['head:probe', 'next:undefined']);
		uploadDone('probe', true);
		expect(takeTurnNow()).toBe('free');
	});

	it('a successful try with others waiting lets the next one try at once', async () => {
		allowanceFull('free');
		const head = wait(true, 0);
		const next = wait(false, 60_000);
		expect(await head).toBe('probe');
		uploadDone('probe', true);
		expect(await next).toBe('probe');
	});

	it('the last own document gone wakes the head to try on its own; a stop ends the wait', async () => {
		documentHeld();
		allowanceFull('free');
		const head = wait(true, 0);
		documentReleased();
		expect(await head).toBe('probe');
		uploadDone('probe', false);
		let stop = false;
		const stopped = wait(false, 60_000, Date.now() + 60_000, () => stop);
		stop = true;
		expect(await stopped).toBeUndefined();
	});
});
