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

module.exports = { runChild };
