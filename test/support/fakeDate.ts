/**
 * Fakes only `Date` (what the node and the fake server read for token expiry and document idle
 * time); every timer stays real, so sockets and the fake's latency timers keep working.
 */
export function fakeDateOnly(now?: number): void {
	jest.useFakeTimers({
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
	if (now !== undefined) jest.setSystemTime(now);
}
