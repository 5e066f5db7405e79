#!/usr/bin/env node
// Runs the fake Aluma server until SIGINT/SIGTERM. Prints exactly one line when ready, which
// scripts wait for:  fake-aluma listening on http://127.0.0.1:PORT
'use strict';

const { parseArgs } = require('node:util');
const { startFakeAluma } = require('./index');

const USAGE = `usage: node test/fake-aluma/cli.js [--port 8765] [--host 127.0.0.1]
       [--client-id ID --client-secret SECRET] [--token-lifetime SECONDS] [--latency-ms MS]
       [--document-cap N] [--no-seed]
The secret may come from FAKE_ALUMA_CLIENT_SECRET instead: it then stays out of the process list.`;

function integer(name, value) {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
	return n;
}

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8765' },
			host: { type: 'string', default: '127.0.0.1' },
			'client-id': { type: 'string', default: 'demo-client' },
			'client-secret': { type: 'string', default: process.env.FAKE_ALUMA_CLIENT_SECRET || 'demo-secret' },
			'token-lifetime': { type: 'string', default: '86400' },
			'latency-ms': { type: 'string', default: '0' },
			'document-cap': { type: 'string', default: '30' },
			'no-seed': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const fake = await startFakeAluma({
		host: values.host,
		port: integer('port', values.port),
		clientId: values['client-id'],
		clientSecret: values['client-secret'],
		tokenLifetimeSeconds: integer('token-lifetime', values['token-lifetime']),
		latencyMs: integer('latency-ms', values['latency-ms']),
		documentCap: integer('document-cap', values['document-cap']),
		seed: !values['no-seed'],
	});
	process.stdout.write(`fake-aluma listening on ${fake.url}\n`);

	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		fake.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`fake-aluma: ${error.message}\n${USAGE}\n`);
	process.exit(1);
});
