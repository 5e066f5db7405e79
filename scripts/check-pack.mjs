// Checks the package exactly as npm would publish it: it ships only dist/, README.md, LICENSE and
// package.json, and its compiled files pass the lint rules n8n's community package scanner applies
// (the scanner's own analyzePackage, run on the unpacked tarball, inline eslint comments ignored).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ALLOWED = [/^dist\//, /^README\.md$/, /^LICENSE$/, /^package\.json$/];

const workDir = mkdtempSync(join(tmpdir(), 'aluma-pack-'));
try {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], { encoding: 'utf8' }));
	const stray = packed.files.map((file) => file.path).filter((path) => !ALLOWED.some((rule) => rule.test(path)));
	const unpacked = join(workDir, 'package');
	execFileSync('tar', ['xzf', join(workDir, packed.filename), '-C', workDir]);
	const lint = await analyzePackage(unpacked);
	const files = readdirSync(join(unpacked, 'dist'), { recursive: true }).length;
	process.stdout.write(`${packed.filename}: ${packed.files.length} files (${files} under dist/), ${packed.size} bytes packed\n`);
	if (stray.length) process.stdout.write(`Files that must not ship: ${stray.join(', ')}\n`);
	if (!lint.passed) process.stdout.write(`${lint.message}\n${lint.details ?? ''}\n`);
	process.exitCode = stray.length || !lint.passed ? 1 : 0;
	if (!process.exitCode) process.stdout.write('pack check passed: only dist/, README.md, LICENSE, package.json; scanner lint clean\n');
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
