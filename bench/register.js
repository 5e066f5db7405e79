// Lets plain Node load the repo's TypeScript (the node, the credential and the workflow-test
// harness) without a build step: each .ts file is transpiled on require with the repo's own
// TypeScript (ts.transpileModule, i.e. what ts-node --transpile-only does). tsconfig.json sets
// isolatedModules, so per-file transpilation emits the same JavaScript tsc would. Type checking
// stays with `npm run typecheck`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const compilerOptions = {
	module: ts.ModuleKind.CommonJS,
	target: ts.ScriptTarget.ES2022,
	esModuleInterop: true,
	resolveJsonModule: true,
	isolatedModules: true,
	useUnknownInCatchVariables: false,
	sourceMap: false,
	inlineSourceMap: true,
	inlineSources: false,
};

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
		module._compile(outputText, filename);
	};
}

module.exports = { ROOT };
