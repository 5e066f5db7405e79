/** Four projects, all run by `npm test`; the e2e and reliability suites have their own commands. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
const base = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
	// Writes the counts for .ci/run when JEST_RESULTS_FILE is set; a no-op otherwise.
	testResultsProcessor: '<rootDir>/.ci/jest-results.js',
	// A bound, not a speed check: on two busy cores a workflow run of hundreds of items can take more
	// than jest's default 5 s, and a test that fails for that proves nothing about the package.
	testTimeout: 30_000,
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
		{ ...base, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
		{ ...base, displayName: 'fake-aluma', testMatch: ['<rootDir>/test/fake-aluma/**/*.test.ts'] },
	],
};
