// n8n-core's private dependencies, loaded from the copies n8n-core itself resolves.
//
// Why a plain .js file: n8n-core 2.41.1 pins @n8n/di 0.17.0, @n8n/config 2.39.0,
// @n8n/backend-common 1.41.1 and @n8n/backend-network 1.15.1 and gets them nested under
// node_modules/n8n-core/node_modules, while the top-level node_modules/@n8n/{di,config,...}
// are older copies pulled in by @n8n/node-cli. The DI `Container` is a module-level singleton
// per copy, so anything registered through `require('@n8n/di')` from the repo root would land
// in a container n8n-core never looks at. These packages are also not devDependencies, which
// the community-node lint rule `no-restricted-imports` rejects in .ts files.
'use strict';

const { createRequire } = require('node:module');
const path = require('node:path');

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const requireFromCore = createRequire(path.join(coreDir, 'package.json'));

const { Container } = requireFromCore('@n8n/di');
const { InstanceSettingsConfig, SsrfProtectionConfig } = requireFromCore('@n8n/config');
const { Logger } = requireFromCore('@n8n/backend-common');

module.exports = {
	Container,
	InstanceSettingsConfig,
	SsrfProtectionConfig,
	Logger,
	resolvedFrom: {
		di: requireFromCore.resolve('@n8n/di'),
		config: requireFromCore.resolve('@n8n/config'),
		backendCommon: requireFromCore.resolve('@n8n/backend-common'),
		backendNetwork: requireFromCore.resolve('@n8n/backend-network'),
	},
};
