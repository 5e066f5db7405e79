/** Three layers, all run by `npm test`; the e2e suite against a real n8n has its own command. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
const base = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
		{ ...base, displayName: 'workflow', testMatch: ['<rootDir>/test/workflow/**/*.test.ts'] },
		{ ...base, displayName: 'fake-aluma', testMatch: ['<rootDir>/test/fake-aluma/**/*.test.ts'] },
	],
};
