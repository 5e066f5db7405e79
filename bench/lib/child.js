// Runs one measurement script in a fresh Node process (with --expose-gc, so it can collect before
// its baseline) and returns the JSON line it prints last.
'use strict';

const { execFile } = require('node:child_process');

const MB = 1024 * 1024;

function runChild(script, args) {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, ['--expose-gc', script, JSON.stringify(args)], { maxBuffer: 16 * MB, env: process.env }, (error, stdout, stderr) => {
			const line = String(stdout).trim().split('\n').pop() || '{}';
			let parsed;
			try {
				parsed = JSON.parse(line);
			} catch {
				parsed = { ok: false, error: `${error ? error.message : 'no output'}\n${stderr}` };
			}
			if (!parsed.ok) return reject(new Error(`${script} ${JSON.stringify(args)}: ${parsed.error}`));
			resolve(parsed);
		});
	});
}

/**
 * The rounds of a peak-RSS scenario: `runs` rounds, in each every mode × variant case once (cases
 * alternating within a round), each in a fresh child process running `script` with `args` plus the
 * case's `mode` and `variant`. Logs every run's peak RSS growth, also over `sizeBytes`; returns the
 * child results per case, keyed 'variant/mode'.
 */
async function rssRounds({ name, script, args, runs, modes, variants, sizeBytes, log }) {
	const results = {};
	for (let r = 0; r < runs; r++) {
		for (const mode of modes) {
			for (const { variant } of variants) {
				const result = await runChild(script, { ...args, mode, variant });
				(results[`${variant}/${mode}`] ??= []).push(result);
				log(`  ${name} ${variant}/${mode} run ${r + 1}: peak +${(result.growth / MB).toFixed(1)} MB (${(result.growth / sizeBytes).toFixed(3)}x), ${result.durationMs.toFixed(0)} ms`);
			}
		}
	}
	return results;
}

module.exports = { runChild, rssRounds };
