// Jest `testResultsProcessor` for CI: when JEST_RESULTS_FILE is set, writes the test counts there
// as {"suite":"jest","passed":N,"failed":M,...} for .ci/run to add up. Returns the results unchanged.
'use strict';

const fs = require('node:fs');

module.exports = function writeJestCounts(results) {
	const file = process.env.JEST_RESULTS_FILE;
	if (file) {
		const summary = {
			suite: 'jest',
			passed: results.numPassedTests,
			// a test file that could not run (syntax error, failing import) has no tests to count: one failure each
			failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
			pending: results.numPendingTests + results.numTodoTests,
			total: results.numTotalTests,
			failedSuites: results.testResults
				.filter((suite) => suite.numFailingTests > 0 || suite.testExecError)
				.map((suite) => suite.testFilePath),
			success: results.success,
		};
		fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
	}
	return results;
};
