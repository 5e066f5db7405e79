#!/usr/bin/env node
// `npm run bench` — the performance benchmarks of issue #7 (see BENCHMARKS.md). Not part of
// `npm test`. Each scenario runs the Aluma node and its comparison side by side in this one
// process run, inside n8n-core's engine (the workflow-test harness), against the fake Aluma
// server in a child process on 127.0.0.1. Prints one table per scenario and a summary of ratios.
//
//   node bench/run.js [--only tokens,overhead,throughput,memory,waiting,downloads] [--runs 3]
//                     [--memory-runs 2] [--json results.json]
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const SCENARIOS = ['tokens', 'overhead', 'throughput', 'memory', 'waiting', 'downloads'];
const ROOT = path.resolve(__dirname, '..');

/** sha256 over the node's and credential's sources, so a run that raced an edit is flagged. */
function sourceFingerprint() {
	const hash = crypto.createHash('sha256');
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.ts')) hash.update(path.relative(ROOT, full)).update(fs.readFileSync(full));
		}
	};
	walk(path.join(ROOT, 'nodes'));
	walk(path.join(ROOT, 'credentials'));
	return hash.digest('hex').slice(0, 12);
}

function machine(nodesBaseVersion) {
	const cpus = os.cpus();
	const pkg = (name) => {
		try {
			return require(`${name}/package.json`).version;
		} catch {
			return '?';
		}
	};
	return [
		`Machine: ${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
		`Node ${process.version}; n8n-core ${pkg('n8n-core')}, n8n-workflow ${pkg('n8n-workflow')}; n8n-nodes-base ${nodesBaseVersion ?? '(not loaded)'}`,
		`Date: ${new Date().toISOString()}; load average (1/5/15 min) at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (other processes running on the machine show here)`,
	].join('\n');
}

async function main() {
	const { values } = parseArgs({
		options: {
			only: { type: 'string' },
			runs: { type: 'string', default: '3' },
			'memory-runs': { type: 'string', default: '2' },
			json: { type: 'string' },
		},
	});
	const selected = values.only ? values.only.split(',').map((s) => s.trim()) : SCENARIOS;
	for (const name of selected) if (!SCENARIOS.includes(name)) throw new Error(`unknown scenario "${name}" (${SCENARIOS.join(', ')})`);
	const runs = Math.max(1, Number(values.runs));
	const memoryRuns = Math.max(1, Number(values['memory-runs']));
	const log = (message) => process.stderr.write(`${message}\n`);

	// n8n's own nodes (stock side): located or installed before anything is timed.
	const { loadNodesBase } = require('./lib/n8n-nodes-base');
	const base = loadNodesBase(log);
	const fingerprint = sourceFingerprint();
	const env = require('./lib/env');

	const started = Date.now();
	const loadAtStart = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
	const reports = [];
	try {
		for (const name of selected) {
			log(`▶ ${name}`);
			const t = Date.now();
			const report = await require(`./scenarios/${name}`).run({ runs: name === 'memory' || name === 'downloads' ? memoryRuns : runs, log });
			report.seconds = (Date.now() - t) / 1000;
			reports.push(report);
			process.stdout.write(`\n## ${report.title}\n\n${report.text}\n`);
		}
	} finally {
		await env.harness.closeHarness();
	}

	const { table } = require('./lib/stats');
	const summaryRows = reports.flatMap((r) => r.summary.map((s) => [r.title.replace(/^\d+\.\s*/, ''), s.figure, s.value, s.target, s.met]));
	process.stdout.write(`\n## Summary\n\n${table(['Scenario', 'Figure', 'Measured (median, range)', 'Target', 'Result'], summaryRows)}\n`);
	const total = (Date.now() - started) / 1000;
	process.stdout.write(
		`\n${machine(base.version)}\nLoad average at the start: ${loadAtStart}\nCommand: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''} (runs ${runs}, memory runs ${memoryRuns}); total ${total.toFixed(0)} s (${reports.map((r) => `${r.id} ${r.seconds.toFixed(0)} s`).join(', ')})\n`,
	);
	const after = sourceFingerprint();
	process.stdout.write(`Sources (nodes/, credentials/): ${fingerprint}${after === fingerprint ? '' : ` — CHANGED during the run (now ${after}): these figures may mix two versions; run again`}\n`);
	if (values.json) {
		fs.writeFileSync(
			path.resolve(values.json),
			JSON.stringify({ machine: machine(base.version), sources: fingerprint, runs, memoryRuns, totalSeconds: total, reports }, null, 2),
		);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`bench failed: ${error && error.stack ? error.stack : error}\n`);
		process.exit(1);
	},
);
