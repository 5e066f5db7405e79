// The package as npm would publish it (build + pack), and installed the way n8n installs a
// community package. Shared by the e2e and queue-mode suites and the queue-mode demo.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { run } = require('./util');

const PACKAGE_NAME = require(path.join(__dirname, '..', '..', '..', 'package.json')).name;

/** Builds (unless E2E_SKIP_BUILD) and packs the package into `workDir`; resolves with the tarball's path. */
async function buildAndPack(repoRoot, workDir, say = () => undefined) {
	const env = { ...process.env };
	if (!fs.existsSync(path.join(repoRoot, 'node_modules'))) {
		say('[e2e] node_modules missing: npm ci');
		const ci = await run('npm', ['ci'], { cwd: repoRoot, env, timeoutMs: 20 * 60_000 });
		if (ci.code !== 0) throw new Error(`npm ci failed:\n${ci.stderr.slice(-3000)}`);
	}
	if (!process.env.E2E_SKIP_BUILD) {
		const build = await run('npm', ['run', 'build'], { cwd: repoRoot, env, timeoutMs: 10 * 60_000 });
		if (build.code !== 0) throw new Error(`npm run build failed:\n${build.stdout.slice(-3000)}\n${build.stderr.slice(-3000)}`);
	}
	const pack = await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: repoRoot, env, timeoutMs: 5 * 60_000 });
	if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr.slice(-3000)}`);
	const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
	return path.join(workDir, packed.filename);
}

/** What n8n's community-package installer leaves: the unpacked tarball, no node_modules of its own. */
async function installPackage(tarball, userFolder) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(target, { recursive: true });
	const untar = await run('tar', ['xzf', tarball, '--strip-components=1', '-C', target]);
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	if (fs.existsSync(path.join(target, 'node_modules'))) throw new Error('the packed package has a node_modules folder');
	return target;
}

module.exports = { PACKAGE_NAME, buildAndPack, installPackage };
