// Peak RSS of this process, sampled every 2 ms from a worker thread, so the main thread's
// synchronous work (base64 encoding, hashing, Buffer.concat) cannot hide a peak from the sampler.
'use strict';

const { Worker } = require('node:worker_threads');

function rssSampler() {
	const shared = new Int32Array(new SharedArrayBuffer(8)); // [0] = stop flag, [1] = reset flag
	const worker = new Worker(
		`const { parentPort, workerData } = require('node:worker_threads');
		 const flag = workerData;
		 let peak = 0, samples = 0;
		 const tick = () => {
		   const rss = process.memoryUsage.rss(); samples++;
		   if (rss > peak) peak = rss;
		   if (Atomics.load(flag, 0) === 1) { parentPort.postMessage({ peak, samples }); return; }
		   if (Atomics.load(flag, 1) === 1) { Atomics.store(flag, 1, 0); peak = rss; }
		   setTimeout(tick, 2);
		 };
		 tick();`,
		{ eval: true, workerData: shared },
	);
	return {
		/** Forget the peak so far (start of the measured phase). */
		reset: () => Atomics.store(shared, 1, 1),
		/** @returns {Promise<{ peak: number, samples: number }>} */
		stop: () =>
			new Promise((resolve) => {
				worker.once('message', (m) => resolve(m));
				Atomics.store(shared, 0, 1);
			}),
	};
}

/**
 * Runs `work` and measures it: peak RSS while it runs minus RSS just before it, after a full GC
 * (the process must run with --expose-gc).
 */
async function measurePeakGrowth(work) {
	global.gc();
	const baseline = process.memoryUsage.rss();
	const rss = rssSampler();
	const result = await work();
	const { peak, samples } = await rss.stop();
	return { result, baseline, peak, samples, growth: peak - baseline };
}

module.exports = { rssSampler, measurePeakGrowth };
