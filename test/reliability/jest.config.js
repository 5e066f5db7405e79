/**
 * Jest config of the reliability suite (fault injection, bad input, secret sweep). Not part of
 * `npm test`: the root jest.config.js lists its own projects and none matches test/reliability.
 *
 * Run it with `npm run test:reliability` (test/reliability/run.js: scenarios, then the whole-suite
 * secret sweep, then the table). `npx jest --config test/reliability/jest.config.js` runs the
 * scenario files alone; RELIABILITY_PHASE=sweep selects the sweep, which reads what run.js collected.
 */
const path = require('node:path');

const sweep = process.env.RELIABILITY_PHASE === 'sweep';

module.exports = {
	rootDir: path.join(__dirname, '..', '..'),
	displayName: sweep ? 'reliability-sweep' : 'reliability',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testMatch: sweep ? ['<rootDir>/test/reliability/sweep/*.test.ts'] : ['<rootDir>/test/reliability/*.test.ts'],
	testTimeout: 60_000,
};
