#!/usr/bin/env node
// The reliability suite (`npm run test:reliability`): fault injection, bad input and the secret sweep.
//
//   1. jest runs the scenario files (test/reliability/*.test.ts) with --json; each scenario writes its
//      row (outcome, requests, documents left, secret hits), its artefacts and the tokens it saw
//      into a temp folder (RELIABILITY_OUT);
//   2. jest runs the whole-suite sweep (test/reliability/sweep) over what phase 1 collected and over
//      phase 1's own jest report;
//   3. prints the table (markdown) joined to jest's pass/fail per test, the run time, and last a
//      line exactly "N passed, M failed"; writes {"passed":N,"failed":M} to $SUITE_RESULT_FILE when
//      set (.ci/run); exits 1 on any failure.
//
// Extra arguments go to phase 1's jest (e.g. a file pattern or -t "429"). RELIABILITY_KEEP=1 keeps
// the temp folder (it holds secrets and tokens of this run: never commit or upload it).
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const CONFIG = path.join(__dirname, 'jest.config.js');
const JEST = require.resolve('jest/bin/jest', { paths: [ROOT] });
/** Table order of the scenario files (jest reports them in the order they finished). */
const AREA_ORDER = ['faults', 'tokens', 'capacity', 'bad-input', 'numbers', 'ids', 'secrets', 'secret-sweep'];

function runJest(name, env, outputFile, extraArgs) {
	const args = [JEST, '--config', CONFIG, '--ci', '--json', `--outputFile=${outputFile}`, '--maxWorkers=2', ...extraArgs];
	const child = spawnSync(process.execPath, args, {
		cwd: ROOT,
		env: { ...process.env, ...env, FORCE_COLOR: '0' },
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	let report;
	try {
		report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
	} catch {
		report = undefined;
	}
	return { name, status: child.status ?? 1, report };
}

function readJsonLines(file) {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line));
}

const cell = (value) =>
	String(value ?? '—')
		.replace(/\s+/g, ' ')
		.replace(/\|/g, '\\|')
		.trim();

function main() {
	const started = Date.now();
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-reliability-'));
	const phase1Json = path.join(out, 'phase1.json');
	const phase2Json = path.join(out, 'phase2.json');
	try {
		const phases = [
			runJest('scenarios', { RELIABILITY_OUT: out }, phase1Json, process.argv.slice(2)),
			runJest(
				'sweep',
				{
					RELIABILITY_OUT: out,
					RELIABILITY_PHASE: 'sweep',
					RELIABILITY_PHASE1_JSON: phase1Json,
					// A filtered scenario run (extra arguments) covers fewer files.
					RELIABILITY_FILTERED: process.argv.length > 2 ? '1' : '',
				},
				phase2Json,
				[],
			),
		];
		const records = readJsonLines(path.join(out, 'records.jsonl'));
		const byTest = new Map(records.map((record) => [`${record.file}\u0000${record.test}`, record]));

		const rows = [];
		let passed = 0;
		let failed = 0;
		for (const phase of phases) {
			if (!phase.report) {
				// jest could not even report (crashed or was killed): count it.
				failed += 1;
				rows.push({ area: phase.name, scenario: `jest (${phase.name}) did not report`, outcome: `exit ${phase.status}`, result: 'FAIL' });
				continue;
			}
			const { report } = phase;
			passed += report.numPassedTests;
			failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
			if (phase.status !== 0 && report.numFailedTests + report.numRuntimeErrorTestSuites === 0) failed += 1;
			const order = (suite) => {
				const index = AREA_ORDER.indexOf(path.basename(suite.name).replace(/\.test\.ts$/, ''));
				return index < 0 ? AREA_ORDER.length : index;
			};
			for (const suite of [...report.testResults].sort((a, b) => order(a) - order(b))) {
				const file = path.basename(suite.name);
				const area = file.replace(/\.test\.ts$/, '');
				if (suite.assertionResults.length === 0) {
					rows.push({ area, scenario: `${file} could not run`, outcome: cell(suite.message).slice(0, 200), result: 'FAIL' });
					continue;
				}
				for (const test of suite.assertionResults) {
					const record = byTest.get(`${file}\u0000${test.fullName}`);
					const result = test.status === 'passed' ? 'pass' : test.status === 'failed' ? 'FAIL' : test.status;
					rows.push({
						area,
						scenario: record?.scenario ?? test.title,
						outcome: record?.outcome ?? (test.failureMessages?.[0] ?? '').split('\n')[0],
						requests: record ? record.requests : undefined,
						documentsLeft: record ? record.documentsLeft : undefined,
						secretHits: record ? record.secretHits : undefined,
						result,
					});
				}
			}
		}

		const lines = [
			'| # | Area | Scenario | Outcome | Requests | Docs left | Secret hits | Result |',
			'|---|---|---|---|---:|---:|---:|---|',
			...rows.map(
				(row, i) =>
					`| ${i + 1} | ${cell(row.area)} | ${cell(row.scenario)} | ${cell(row.outcome)} | ${cell(row.requests)} | ${cell(row.documentsLeft)} | ${cell(row.secretHits)} | ${row.result} |`,
			),
		];
		process.stdout.write(`\nAluma reliability suite\n\n${lines.join('\n')}\n\n`);
		process.stdout.write(
			'Requests: received by the fake Aluma, token requests included (redirects and stalled bodies answered by the test proxy are not counted). ' +
				'Docs left: live documents on the fake after the scenario. Secret hits: client secret or issued tokens found in what the scenario exposed.\n',
		);
		process.stdout.write(`Run time: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		if (process.env.SUITE_RESULT_FILE) {
			fs.writeFileSync(process.env.SUITE_RESULT_FILE, `${JSON.stringify({ passed, failed })}\n`);
		}
		process.stdout.write(`${passed} passed, ${failed} failed\n`);
		return failed > 0 ? 1 : 0;
	} finally {
		if (process.env.RELIABILITY_KEEP === '1') process.stderr.write(`kept ${out}\n`);
		else fs.rmSync(out, { recursive: true, force: true });
	}
}

process.exitCode = main();
