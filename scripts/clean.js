// Removes dist/ before a build so renamed or deleted sources never ship as stale files.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
