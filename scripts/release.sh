#!/usr/bin/env bash
# npm run release -- X.Y.Z — prepares a release on this machine; the Publish workflow publishes it
# from the tag (npm provenance requires a GitHub Action). Checks, in order: a clean working tree on
# main, a CHANGELOG.md heading "## X.Y.Z — <date>", `npm run test:all` ending in "0 failed"; then
# sets the version and tags vX.Y.Z (`npm version`, or only the tag when package.json already has
# X.Y.Z), and prints the push that starts the Publish workflow. Plain `npm publish` is refused
# (prepublishOnly) unless RELEASE_MODE is set, as in the Publish workflow.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
say() { printf '[release] %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

VERSION="${1:-}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "usage: npm run release -- X.Y.Z"
[[ -z "$(git status --porcelain)" ]] || fail "the working tree has uncommitted changes"
[[ "$(git rev-parse --abbrev-ref HEAD)" == main ]] || fail "releases are made from main"
! git rev-parse -q --verify "refs/tags/v$VERSION" >/dev/null || fail "the tag v$VERSION exists already"
grep -Eq "^## ${VERSION//./\\.} — [0-9]{4}-[0-9]{2}-[0-9]{2}" CHANGELOG.md \
  || fail "CHANGELOG.md has no heading \"## $VERSION — <YYYY-MM-DD>\""

say "npm run test:all"
LOG="$(mktemp -t aluma-release.XXXXXX)"
trap 'rm -f "$LOG"' EXIT
npm run test:all 2>&1 | tee "$LOG"
[[ "$(tail -n 1 "$LOG")" =~ ^[0-9]+\ passed,\ 0\ failed$ ]] || fail "test:all did not end with 0 failed"

if [[ "$(node -p "require('./package.json').version")" == "$VERSION" ]]; then
  git tag -a "v$VERSION" -m "v$VERSION"
else
  npm version "$VERSION" -m "Release %s"
fi
say "tagged v$VERSION. Publish it with: git push --follow-tags"
