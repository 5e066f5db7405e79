/**
 * Runs `task(0..count-1)` with at most `limit` at once. After the first failure no new task is
 * started, the running ones are allowed to finish (so they can clean up what they created in
 * Aluma), and then that first error is thrown.
 */
export async function runLimited(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
	const width = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async (): Promise<void> => {
		while (!failure && next < count) {
			const index = next++;
			try {
				await task(index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: width }, worker));
	if (failure) throw failure.error;
}
