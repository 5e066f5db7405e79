// Checks the package exactly as npm would publish it: it ships only dist/, README.md, LICENSE and
// package.json, and its compiled files pass the lint rules n8n's community package scanner applies
// (the scanner's own analyzePackage, run on the unpacked tarball, inline eslint comments ignored),
// and it ships every output schema under nodes/ (tsc copies them: tsconfig.build.json includes JSON).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ALLOWED = [/^dist\//, /^README\.md$/, /^LICENSE$/, /^package\.json$/];

const workDir = mkdtempSync(join(tmpdir(), 'aluma-pack-'));
try {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], { encoding: 'utf8' }));
	const shipped = new Set(packed.files.map((file) => file.path));
	const schemas = readdirSync('nodes', { recursive: true }).filter((path) => /(^|\/)__schema__\/.*\.json$/.test(path));
	const missing = schemas.map((path) => `dist/nodes/${path}`).filter((path) => !shipped.has(path));
	const stray = packed.files.map((file) => file.path).filter((path) => !ALLOWED.some((rule) => rule.test(path)));
	const unpacked = join(workDir, 'package');
	execFileSync('tar', ['xzf', join(workDir, packed.filename), '-C', workDir]);
	const lint = await analyzePackage(unpacked);
	const files = readdirSync(join(unpacked, 'dist'), { recursive: true }).length;
	process.stdout.write(`${packed.filename}: ${packed.files.length} files (${files} under dist/), ${packed.size} bytes packed\n`);
	if (missing.length) process.stdout.write(`Output schemas missing from the package: ${missing.join(', ')}\n`);
	if (stray.length) process.stdout.write(`Files that must not ship: ${stray.join(', ')}\n`);
	if (!lint.passed) process.stdout.write(`${lint.message}\n${lint.details ?? ''}\n`);
	process.exitCode = stray.length || missing.length || schemas.length === 0 || !lint.passed ? 1 : 0;
	if (!process.exitCode) process.stdout.write(`pack check passed: only dist/, README.md, LICENSE, package.json; ${schemas.length} output schemas; scanner lint clean\n`);
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
