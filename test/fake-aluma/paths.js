// Folder paths for test code: linted .ts files may not use __dirname, so they import these.
'use strict';

const path = require('node:path');

module.exports = {
	FAKE_ALUMA_DIR: __dirname,
	CLI_PATH: path.join(__dirname, 'cli.js'),
	FIXTURES_DIR: path.join(__dirname, '..', 'fixtures'),
};
