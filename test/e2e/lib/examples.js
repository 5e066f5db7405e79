// The example workflows of examples/, as the e2e cases import them: the demo credential pointed at
// the case's own credential, and /data/aluma-demo/ file paths pointed at test/fixtures.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { fixture } = require('./workflows');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');
const DEMO_CREDENTIAL = 'alumaDemoCred01';

/** Deep copy of `value` with the demo credential replaced by `credentialId` and demo file paths by fixtures. */
function localise(value, credentialId) {
	if (typeof value === 'string') return value.replace(/^(=?)\/data\/aluma-demo\/(.+)$/, (_, eq, name) => `${eq}${fixture(name)}`);
	if (Array.isArray(value)) return value.map((entry) => localise(entry, credentialId));
	if (value && typeof value === 'object') {
		if (value.alumaApi?.id === DEMO_CREDENTIAL) return { alumaApi: { id: credentialId, name: credentialId } };
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, localise(inner, credentialId)]));
	}
	return value;
}

/** Every example as `{ file, workflow }`, sorted by file name, localised for `credentialId`. */
function loadExamples(credentialId) {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: localise(JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')), credentialId) }));
}

module.exports = { loadExamples };
