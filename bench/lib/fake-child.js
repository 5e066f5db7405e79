// Child process running one fake Aluma server (test/fake-aluma) for the benchmarks, so the server's
// work runs on the machine's other core instead of sharing n8n's event loop. Controlled over IPC:
// { id, op: 'stats' | 'requests' | 'setConfig' | 'advanceTask' | 'reset' | 'now' | 'close', arg }.
'use strict';

const { startFakeAluma } = require('../../test/fake-aluma');

let fake;

const ops = {
	stats: () => fake.stats(),
	requests: () => fake.requests(),
	setConfig: (partial) => fake.setConfig(partial),
	advanceTask: ({ taskId, to }) => ({ task: fake.advanceTask(taskId, to), at: Date.now() }),
	reset: () => fake.reset(),
	now: () => Date.now(),
	close: async () => {
		await fake.close();
		setImmediate(() => process.exit(0));
		return true;
	},
};

process.on('message', async ({ id, op, arg }) => {
	try {
		const value = await ops[op](arg);
		process.send({ id, value });
	} catch (error) {
		process.send({ id, error: String(error && error.message ? error.message : error) });
	}
});
process.on('disconnect', () => process.exit(0));

startFakeAluma(JSON.parse(process.argv[2] || '{}')).then(
	(started) => {
		fake = started;
		process.send({ ready: true, url: fake.url });
	},
	(error) => {
		process.stderr.write(`fake-aluma child: ${error.message}\n`);
		process.exit(1);
	},
);
