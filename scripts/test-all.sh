#!/usr/bin/env bash
# npm run test:all — every test suite, as CI runs it (.ci/run calls this same command).
#
#   npm ci (when node_modules is missing, or CI=true) → npm test (lint, typecheck, jest, pack check) →
#   npm run test:e2e (real n8n 2.41.1 and 1.123.81) → npm run test:reliability → npm run test:queue
#   (n8n 2.41.1 as main + 2 workers on PostgreSQL and Redis, installed with apt-get when missing) →
#   npm run test:browser (the demo in Debian's Chromium)
#
# Every suite runs even when an earlier one failed (except after a failed `npm ci`). Counts:
#   jest        .ci/jest-results.js (jest.config.js `testResultsProcessor`) writes them to $JEST_RESULTS_FILE;
#               if it did not (processor not configured), jest is run once more with --json --outputFile
#   e2e, other  the suite's result file ($E2E_RESULT_FILE / $SUITE_RESULT_FILE: {"passed":N,"failed":M}),
#               else its last output line "N passed, M failed"
#   any suite that exits non-zero without reporting a failure counts one failure
# The last line printed is exactly "N passed, M failed" (all suites); exit 1 on any failure.
# The first run installs two n8n versions into ${ALUMA_CACHE_DIR:-~/.cache/n8n-nodes-aluma} (~10 min).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export FORCE_COLOR=0
RESULTS="$(mktemp -d -t aluma-tests.XXXXXX)"
trap 'rm -rf "$RESULTS"' EXIT

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
t_all=$(date +%s)

log() { printf '\n[test:all] %s\n' "$*"; }

# run_logged <name> <cmd...>: runs with output to the CI log and to $RESULTS/<name>.log; sets RC
run_logged() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  log "$name: $*"
  set +e
  "$@" < /dev/null 2>&1 | tee "$RESULTS/$name.log"
  RC=${PIPESTATUS[0]}
  set -e
  ELAPSED=$(( $(date +%s) - t0 ))
  log "$name: exit $RC after ${ELAPSED}s"
}

# count <name> <passed> <failed>: adds a suite's numbers (a non-zero exit with no failure counts one)
count() {
  local name="$1" passed="$2" failed="$3"
  if (( RC != 0 && failed == 0 )); then failed=1; fi
  TOTAL_PASSED=$(( TOTAL_PASSED + passed ))
  TOTAL_FAILED=$(( TOTAL_FAILED + failed ))
  SUMMARY+=("$(printf '%-16s %5s passed, %3s failed  (exit %s, %ss)' "$name" "$passed" "$failed" "$RC" "$ELAPSED")")
}

# result_counts <log-file> <json-file>...: prints "passed failed" from the first result file that has
# them, else from the log's last "N passed, M failed" line, else "0 0"
result_counts() {
  node -e '
    const fs = require("fs");
    const [logFile, ...files] = process.argv.slice(1);
    for (const file of files) {
      try {
        const r = JSON.parse(fs.readFileSync(file, "utf8"));
        if (Number.isInteger(r.passed) && Number.isInteger(r.failed)) { console.log(r.passed, r.failed); process.exit(0); }
      } catch {}
    }
    let text = "";
    try { text = fs.readFileSync(logFile, "utf8"); } catch {}
    const lines = text.split("\n").map((l) => l.trim()).filter((l) => /^\d+ passed, \d+ failed$/.test(l));
    const last = lines.pop();
    console.log(last ? last.replace(/^(\d+) passed, (\d+) failed$/, "$1 $2") : "0 0");
  ' "$@"
}

has_script() { node -e 'process.exit(require("./package.json").scripts?.[process.argv[1]] ? 0 : 1)' "$1"; }

finish() {
  log "summary ($(( $(date +%s) - t_all ))s)"
  for line in "${SUMMARY[@]}"; do printf '  %s\n' "$line"; done
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
  (( TOTAL_FAILED == 0 ))
}

log "node $(node -v), npm $(npm -v), $(nproc) cores"

# ---- 1. dependencies ------------------------------------------------------------------
if [[ ! -d node_modules || "${CI:-}" == "true" ]]; then
  run_logged "npm-ci" npm ci --no-audit --no-fund
  if (( RC != 0 )); then
    count "npm ci" 0 1
    finish
    exit 1
  fi
fi

# ---- 2. npm test (lint, typecheck, jest, pack check) ---------------------------------------
export JEST_RESULTS_FILE="$RESULTS/jest.json"
run_logged "npm-test" npm test
TEST_RC=$RC
TEST_ELAPSED=$ELAPSED
if [[ ! -s "$JEST_RESULTS_FILE" ]]; then
  # jest did not write its counts: either the processor is not configured or jest never ran
  # (lint or typecheck failed first). Run jest alone to count its tests.
  log "no jest counts from npm test; running jest again with --json to count"
  run_logged "jest" npx jest --ci --json --outputFile="$RESULTS/jest-raw.json"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    require("fs").writeFileSync(process.argv[2], JSON.stringify({ passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites }));
  ' "$RESULTS/jest-raw.json" "$JEST_RESULTS_FILE" 2>/dev/null || true
  JEST_RC=$RC
  ELAPSED=$(( TEST_ELAPSED + ELAPSED ))
else
  JEST_RC=0
fi
read -r P F < <(result_counts /dev/null "$JEST_RESULTS_FILE")
RC=$TEST_RC
if (( JEST_RC != 0 && F == 0 )); then F=1; fi
count "npm test" "$P" "$F"

# ---- 3. end-to-end against a real n8n ---------------------------------------------------------
if has_script test:e2e; then
  export E2E_RESULT_FILE="$RESULTS/e2e.json"
  run_logged "e2e" npm run test:e2e
  read -r P F < <(result_counts "$RESULTS/e2e.log" "$E2E_RESULT_FILE")
  count "test:e2e" "$P" "$F"
else
  log "package.json has no test:e2e script"
  RC=1 ELAPSED=0
  count "test:e2e" 0 1
fi

# ---- 4. suites added later: each writes {"passed":N,"failed":M} to $SUITE_RESULT_FILE, or has its jest
#      use .ci/jest-results.js (→ $JEST_RESULTS_FILE), or ends its output with "N passed, M failed" ----
for suite in test:reliability test:queue test:browser; do
  if has_script "$suite"; then
    export SUITE_RESULT_FILE="$RESULTS/$suite.json"
    export JEST_RESULTS_FILE="$RESULTS/$suite-jest.json"   # if the suite's jest uses .ci/jest-results.js
    run_logged "$suite" npm run "$suite"
    read -r P F < <(result_counts "$RESULTS/$suite.log" "$SUITE_RESULT_FILE" "$JEST_RESULTS_FILE")
    count "$suite" "$P" "$F"
  fi
done

finish
