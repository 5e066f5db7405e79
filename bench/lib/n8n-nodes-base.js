// Finds n8n's own nodes (n8n-nodes-base 2.41.1: HTTP Request, Loop Over Items) for the stock-n8n
// side of the benchmarks. n8n-nodes-base is not a devDependency of this package (it drags in
// hundreds of packages), so it is taken from a real n8n install:
//   1. BENCH_N8N_NODES_BASE=<path to the n8n-nodes-base folder>, if set;
//   2. `n8n-nodes-base` resolvable from the repo (should it ever become a devDependency);
//   3. the install made by scripts/real-n8n-setup.sh (idempotent; installs n8n 2.41.1 on a fresh
//      machine, ~4 min, from the npm registry only) — <dir>/app/node_modules/n8n-nodes-base.
// Its `require('n8n-workflow')` is pointed at the repo's copy (same version, 2.41.0), so there is
// one n8n-workflow in the process as in n8n itself (errors stay `instanceof`, one LoggerProxy).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');

function fromRealN8n(log) {
	const script = path.join(ROOT, 'scripts', 'real-n8n-setup.sh');
	if (!fs.existsSync(script)) {
		throw new Error(`n8n-nodes-base not found and ${path.relative(ROOT, script)} is missing; set BENCH_N8N_NODES_BASE`);
	}
	log('locating n8n-nodes-base through scripts/real-n8n-setup.sh (installs n8n 2.41.1 on first use, ~4 min)');
	const out = execFileSync('bash', [script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	const dir = out.trim().split('\n').pop();
	return path.join(dir, 'app', 'node_modules', 'n8n-nodes-base');
}

function locate(log = () => {}) {
	if (process.env.BENCH_N8N_NODES_BASE) return path.resolve(process.env.BENCH_N8N_NODES_BASE);
	try {
		return path.dirname(require.resolve('n8n-nodes-base/package.json', { paths: [ROOT] }));
	} catch {
		return fromRealN8n(log);
	}
}

let installed;

/** Loads the n8n-nodes-base folder once, with n8n-workflow shared with the repo. */
function loadNodesBase(log) {
	if (installed) return installed;
	const dir = locate(log);
	// Child processes (the memory scenario) find it without running the setup script again.
	process.env.BENCH_N8N_NODES_BASE = dir;
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const repoWorkflow = require.resolve('n8n-workflow', { paths: [ROOT] });
	const prefix = dir + path.sep;
	const resolve = Module._resolveFilename;
	Module._resolveFilename = function (request, parent, ...rest) {
		if (request === 'n8n-workflow' && parent && parent.filename && parent.filename.startsWith(prefix)) return repoWorkflow;
		return resolve.call(this, request, parent, ...rest);
	};
	const node = (rel, name) => require(path.join(dir, 'dist', 'nodes', rel))[name];
	installed = {
		dir,
		version: pkg.version,
		HttpRequest: node('HttpRequest/HttpRequest.node.js', 'HttpRequest'),
		SplitInBatches: node('SplitInBatches/SplitInBatches.node.js', 'SplitInBatches'),
		NoOp: node('NoOp/NoOp.node.js', 'NoOp'),
	};
	return installed;
}

module.exports = { loadNodesBase };
