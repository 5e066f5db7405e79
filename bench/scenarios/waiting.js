// Scenario 5 — waiting. A task (created outside the measured run) is moved to "completed" by the
// fake T seconds after the workflow starts; the Aluma node's Task → Wait for Task (final states,
// "Check Every" = I seconds) polls it. Figures: GET /tasks/{id} requests the node made, against
// a perfect poller with the same interval (one poll at the start and every I s until one lands
// after T), and the delay between completion and the poll that saw it (server arrival time),
// and until the node's run ended, against I.
'use strict';

const env = require('../lib/env');
const { startFake, CLIENT } = require('../lib/fake');
const { median, max, countText, msText, ratioText, table } = require('../lib/stats');

const PROJECT = 'invoices-project-seed1';
const CASES = [
	{ interval: 1, completeAfterMs: 2300 },
	{ interval: 1, completeAfterMs: 3600 },
	{ interval: 1, completeAfterMs: 4900 },
	{ interval: 2, completeAfterMs: 3100 },
	{ interval: 2, completeAfterMs: 5500 },
];

async function createTask(baseUrl) {
	const tokenResponse = await fetch(`${baseUrl}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }),
	});
	const token = (await tokenResponse.json()).access_token;
	const response = await fetch(`${baseUrl}/tasks?project_id=${PROJECT}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
		body: env.INVOICE,
	});
	if (response.status !== 201) throw new Error(`creating the task: HTTP ${response.status}`);
	return (await response.json()).id;
}

async function run({ runs, log }) {
	const fake = await startFake({});
	const results = [];
	try {
		const credential = env.newCredential(fake.url);
		// Warm-up (token exchange, JIT) on a task that is already final.
		const warm = await createTask(fake.url);
		await fake.advanceTask(warm, 'completed');
		const waitParameters = (taskId, interval) => ({ resource: 'task', operation: 'waitForTask', taskId, waitUntil: [], maxWait: 60, interval, failOnTimeout: true });
		env.assertSuccess(await env.runAluma({ credential, parameters: waitParameters(warm, 1), items: env.jsonItems(1) }), 'warm-up wait');

		for (let r = 0; r < runs; r++) {
			for (const [caseIndex, { interval, completeAfterMs }] of CASES.entries()) {
				const taskId = await createTask(fake.url);
				const logStart = (await fake.requests()).length;
				let completedAt;
				const timer = setTimeout(() => {
					completedAt = fake.advanceTask(taskId, 'completed').then((r) => r.at);
				}, completeAfterMs);
				const startedAt = Date.now();
				const result = env.assertSuccess(
					await env.runAluma({ credential, parameters: waitParameters(taskId, interval), items: env.jsonItems(1) }),
					'Wait for Task',
				);
				const endedAt = Date.now();
				clearTimeout(timer);
				const completed = await completedAt;
				if (result.outputs[0][0].json.state !== 'completed') throw new Error(`Wait for Task returned state ${result.outputs[0][0].json.state}`);
				const polls = (await fake.requests()).slice(logStart).filter((e) => e.route === 'GET /tasks/:id' && e.path.endsWith(taskId));
				const seenBy = polls.find((e) => e.at >= completed);
				const firstPollOffset = polls[0].at - startedAt;
				const idealPolls = Math.ceil((completed - polls[0].at) / (interval * 1000)) + 1;
				const row = {
					caseIndex,
					interval,
					completeAfterMs,
					polls: polls.length,
					idealPolls,
					pollDelayMs: seenBy.at - completed,
					nodeDelayMs: endedAt - completed,
					firstPollOffset,
					reportedPolls: result.outputs[0][0].json.polls,
				};
				results.push(row);
				log(`  waiting run ${r + 1} I=${interval}s T=${completeAfterMs}ms: ${row.polls} polls (perfect poller ${idealPolls}), seen ${row.pollDelayMs} ms after completion, node done ${row.nodeDelayMs} ms after`);
			}
		}
	} finally {
		await fake.close();
	}
	const rows = CASES.map(({ interval, completeAfterMs }, caseIndex) => {
		const mine = results.filter((r) => r.caseIndex === caseIndex);
		return [
			`${interval} s`,
			`${(completeAfterMs / 1000).toFixed(1)} s`,
			`${countText(mine.map((r) => r.polls))} (${countText(mine.map((r) => r.idealPolls))})`,
			msText(mine.map((r) => r.pollDelayMs)),
			msText(mine.map((r) => r.nodeDelayMs)),
			ratioText(mine.map((r) => r.nodeDelayMs / (interval * 1000))).replace(/x/g, ''),
		];
	});
	const text = table(
		['Check Every (I)', 'Task completes after (T)', 'GET /tasks/{id} (perfect poller)', 'Completion → poll that saw it', 'Completion → node done', 'Node delay / I (median, range)'],
		rows,
	);
	const worst = max(results.map((r) => r.nodeDelayMs / (r.interval * 1000)));
	const extraPolls = results.map((r) => r.polls - r.idealPolls);
	return {
		id: 'waiting',
		title: '5. Waiting',
		text: `${text}\n\nA perfect poller with interval I notices a completion within I (on average I/2). Each case ran ${runs} times (medians, range in brackets). Delays are from the fake's clock at completion to the arrival of the poll (same machine clock) and to the end of the node's run.`,
		raw: results,
		summary: [
			{
				figure: 'Wait for Task: extra polls over a perfect poller; worst notice delay / interval',
				value: `${max(extraPolls)} extra; ${worst.toFixed(2)} (median ${median(results.map((r) => r.nodeDelayMs / (r.interval * 1000))).toFixed(2)})`,
				target: '0 extra; ≤ 1 interval',
				met: max(extraPolls) <= 0 && worst <= 1 ? 'met' : 'missed',
			},
		],
	};
}

module.exports = { run };
