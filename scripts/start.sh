#!/usr/bin/env bash
# npm start — the demo: a real n8n with this package installed as a community package, talking to
# the project's fake Aluma server, with the example workflows and a login ready.
#
#   npm start                          # n8n 2.41.1 on Node 24 (installed into the cache on first run)
#   N8N_VERSION=1.123.81 npm start     # the newest 1.x on the machine's Node 20
#   N8N_PORT=5678 npm start            # n8n's port (default 5678, or a free one if that is taken)
#   npm run dev                        # the same, plus `tsc --watch` compiling into the installed
#                                      # package; n8n reloads the nodes on every change (N8N_DEV_RELOAD)
#   ALUMA_DEMO_DIR=<dir>               # the n8n user folder (default <cache>/demo-<version>); a new
#                                      # empty folder gives a throwaway demo
#   ALUMA_DEMO_READY_FILE=<file>       # for scripts: when the demo is ready, write its address,
#                                      # login and workflow ids there as JSON (no banner)
#
# First run on a fresh machine: installs n8n + Node 24 from the npm registry (scripts/real-n8n-setup.sh,
# 4-6 min, ~3 GB in ${ALUMA_CACHE_DIR:-~/.cache/n8n-nodes-aluma}), `npm ci` when node_modules is
# missing. Every run: `npm run build`, `npm pack`, the tarball unpacked into the demo user folder
# (as n8n installs a community package), the fake Aluma on a free port, the "Aluma (demo)"
# credential and every examples/*.json re-imported (fixed ids: re-runs replace them), then n8n.
# The demo's n8n data (SQLite) persists in <cache>/demo-<version>. Ctrl-C stops everything.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
DEV=""; [[ "${1:-}" == --dev ]] && DEV=1

N8N_VERSION="${N8N_VERSION:-2.41.1}"
export N8N_VERSION
if [[ "$N8N_VERSION" == 1.* ]]; then export NODE_VERSION="${NODE_VERSION:-system}"; fi
CACHE_DIR="${ALUMA_CACHE_DIR:-$HOME/.cache/n8n-nodes-aluma}"
INSTALL_DIR="$CACHE_DIR/n8n-$N8N_VERSION"
DEMO_DIR="${ALUMA_DEMO_DIR:-$CACHE_DIR/demo-$N8N_VERSION}"   # n8n user folder of the demo (persistent by default)
FILES_DIR="$DEMO_DIR/files"                      # the only folder n8n's file nodes may read
LOG_DIR="$DEMO_DIR/logs"
PACKAGE_NAME="$(node -p "require('./package.json').name")"
CRED_ID="alumaDemoCred01"
CRED_NAME="Aluma (demo)"
CLIENT_ID="aluma-demo-client"
OWNER_EMAIL="${ALUMA_DEMO_EMAIL:-demo@example.com}"
OWNER_PASSWORD="${ALUMA_DEMO_PASSWORD:-Aluma-demo-2026}"

say() { printf '[start] %s\n' "$*" >&2; }
t_start=$(date +%s)

RUN_DIR="$(mktemp -d -t aluma-demo.XXXXXX)"
N8N_PID=""
FAKE_PID=""
WATCH_PID=""
stop_pid() { # pid: SIGTERM to its process group, SIGKILL after 20 s
  local pid="$1" i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$N8N_PID$FAKE_PID" ]]; then say "stopping n8n and the fake Aluma server"; fi
  stop_pid "$WATCH_PID"
  stop_pid "$N8N_PID"
  stop_pid "$FAKE_PID"
  rm -rf "$RUN_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_log() { # file: its last lines with anything secret-looking masked
  say "--- last lines of $1"
  tail -n 40 "$1" | sed -E 's/("?(accessToken|access_token|clientSecret|client_secret|password)"?[=:] *"?)[^"&, }]+/\1***/Ig; s/(Bearer +)[^ ]+/\1***/g' >&2 || true
}

free_port() { node -e 'const s=require("net").createServer().listen(+process.argv[1]||0,"127.0.0.1",()=>{console.log(s.address().port);s.close()}).on("error",()=>process.exit(1))' "${1:-0}"; }

# ---- 1. n8n (installed once into the cache) -------------------------------------------
say "n8n $N8N_VERSION: $INSTALL_DIR"
bash "$REPO/scripts/real-n8n-setup.sh" "$INSTALL_DIR" >/dev/null
N8N="$INSTALL_DIR/bin/n8n"
REAL_N8N_NODE="$(sed -n 's/^export REAL_N8N_NODE="\(.*\)"$/\1/p' "$INSTALL_DIR/env.sh")"

# ---- 2. build and pack this package ----------------------------------------------------
if [[ ! -d node_modules ]]; then say "npm ci"; npm ci >&2; fi
say "npm run build"
npm run build >"$RUN_DIR/build.log" 2>&1 || { cat "$RUN_DIR/build.log" >&2; exit 1; }
TARBALL="$(npm pack --silent --pack-destination "$RUN_DIR" | tail -1)"

# ---- 3. install it the way n8n installs a community package ------------------------------
mkdir -p "$DEMO_DIR/.n8n/nodes/node_modules" "$FILES_DIR" "$LOG_DIR"
PKG_DIR="$DEMO_DIR/.n8n/nodes/node_modules/$PACKAGE_NAME"
rm -rf "$PKG_DIR" && mkdir -p "$PKG_DIR"
tar xzf "$RUN_DIR/$TARBALL" --strip-components=1 -C "$PKG_DIR"   # no node_modules: n8n-workflow comes from n8n
say "installed $TARBALL into $PKG_DIR"
# files the example workflows read (they refer to /data/aluma-demo/<name>; rewritten below)
if [[ -n "$DEV" ]]; then
  # Rebuilds into the installed copy, so n8n runs what the package would ship (icons stay from the build).
  setsid npx tsc -p tsconfig.build.json --watch --preserveWatchOutput --outDir "$PKG_DIR/dist" >"$LOG_DIR/tsc-watch.log" 2>&1 &
  WATCH_PID=$!
  export N8N_DEV_RELOAD=true
  # n8n 1.x reloads only in its development mode.
  if [[ "$N8N_VERSION" == 1.* ]]; then export NODE_ENV=development; fi
  say "tsc --watch compiles into $PKG_DIR/dist (log: $LOG_DIR/tsc-watch.log); n8n reloads the nodes on change"
fi
cp "$REPO"/test/fixtures/*.pdf "$REPO"/test/fixtures/*.zip "$REPO"/test/fixtures/*.png "$REPO"/test/fixtures/*.txt "$REPO"/test/fixtures/*.alproj "$FILES_DIR/" 2>/dev/null || true

# ---- 4. fake Aluma on a free port --------------------------------------------------------
CLIENT_SECRET="$(node -p 'require("crypto").randomBytes(18).toString("base64url")')"   # new each run, never printed
# The logs are created here, not by the background command's redirection: the loop below may read
# one before the forked shell has opened it (a missing file made sed fail the script under load).
: >"$LOG_DIR/fake-aluma.log"
FAKE_ALUMA_CLIENT_SECRET="$CLIENT_SECRET" setsid node "$REPO/test/fake-aluma/cli.js" --port 0 --client-id "$CLIENT_ID" \
  >>"$LOG_DIR/fake-aluma.log" 2>&1 &
FAKE_PID=$!
FAKE_URL=""
for ((i = 0; i < 150; i++)); do
  FAKE_URL="$(sed -n 's/^fake-aluma listening on \(http:[^ ]*\)$/\1/p' "$LOG_DIR/fake-aluma.log")"
  [[ -n "$FAKE_URL" ]] && break
  kill -0 "$FAKE_PID" 2>/dev/null || { show_log "$LOG_DIR/fake-aluma.log"; exit 1; }
  sleep 0.1
done
[[ -n "$FAKE_URL" ]] || { say "the fake Aluma server did not start"; show_log "$LOG_DIR/fake-aluma.log"; exit 1; }
say "fake Aluma listening on $FAKE_URL"

# ---- 5. demo credential + example workflows (fixed ids: re-imports replace them) ---------
export N8N_USER_FOLDER="$DEMO_DIR"
export N8N_ENCRYPTION_KEY="aluma-demo-local-key"
export N8N_RESTRICT_FILE_ACCESS_TO="$FILES_DIR"
export DB_TYPE=sqlite
umask 077
CLIENT_SECRET="$CLIENT_SECRET" node -e '
  const fs = require("fs");
  const [credFile, baseUrl, id, name, clientId] = process.argv.slice(1);
  fs.writeFileSync(credFile, JSON.stringify([{ id, name, type: "alumaApi",
    data: { clientId, clientSecret: process.env.CLIENT_SECRET, baseUrl, accessToken: "", tokenExpiresAt: 0 } }]));
' "$RUN_DIR/credential.json" "$FAKE_URL" "$CRED_ID" "$CRED_NAME" "$CLIENT_ID"
umask 022
WORKFLOW_LIST="$(node -e '
  const fs = require("fs"), path = require("path"), crypto = require("crypto");
  const [examplesDir, out, credId, credName, filesDir] = process.argv.slice(1);
  const rewrite = (value) => {
    if (typeof value === "string") return value.replace(/^(=?)\/data\/aluma-demo\//, `$1${filesDir}/`);
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  const workflows = [];
  for (const file of fs.readdirSync(examplesDir).filter((f) => f.endsWith(".json")).sort()) {
    const w = JSON.parse(fs.readFileSync(path.join(examplesDir, file), "utf8"));
    if (!w || !Array.isArray(w.nodes)) continue;
    // a fixed id so that re-running replaces the workflow instead of adding a copy
    w.id = w.id || "alumaEx" + crypto.createHash("sha1").update(file).digest("hex").slice(0, 12);
    w.active = false;
    w.name = w.name || file.replace(/\.json$/, "");
    for (const node of w.nodes) {
      if (node.credentials && node.credentials.alumaApi) node.credentials.alumaApi = { id: credId, name: credName };
      node.parameters = rewrite(node.parameters || {});
    }
    workflows.push(w);
  }
  fs.writeFileSync(out, JSON.stringify(workflows));
  for (const w of workflows) console.log(`${w.id}\t${w.name}`);
' "$REPO/examples" "$RUN_DIR/workflows.json" "$CRED_ID" "$CRED_NAME" "$FILES_DIR")"

say "importing the demo credential and $(printf '%s\n' "$WORKFLOW_LIST" | grep -c .) example workflows"
N8N_RUNNERS_BROKER_PORT="$(free_port)" "$N8N" import:credentials --input="$RUN_DIR/credential.json" >"$LOG_DIR/import.log" 2>&1 \
  || { rm -f "$RUN_DIR/credential.json"; show_log "$LOG_DIR/import.log"; exit 1; }
rm -f "$RUN_DIR/credential.json"
if [[ -n "$WORKFLOW_LIST" ]]; then
  N8N_RUNNERS_BROKER_PORT="$(free_port)" "$N8N" import:workflow --input="$RUN_DIR/workflows.json" >>"$LOG_DIR/import.log" 2>&1 \
    || { show_log "$LOG_DIR/import.log"; exit 1; }
fi

# ---- 6. n8n, with an owner account provisioned from the environment ----------------------
PORT="${N8N_PORT:-}"
if [[ -z "$PORT" ]]; then PORT="$(free_port 5678 || free_port)"; fi
export N8N_PORT="$PORT"
N8N_RUNNERS_BROKER_PORT="$(free_port)"
export N8N_RUNNERS_BROKER_PORT
export N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true N8N_INSTANCE_OWNER_EMAIL="$OWNER_EMAIL"
export N8N_INSTANCE_OWNER_FIRST_NAME=Demo N8N_INSTANCE_OWNER_LAST_NAME=User
N8N_INSTANCE_OWNER_PASSWORD_HASH="$(cd "$INSTALL_DIR/app" && PW="$OWNER_PASSWORD" "$REAL_N8N_NODE" -e \
  'const b=require(require.resolve("bcryptjs",{paths:[require.resolve("n8n/package.json")]}));process.stdout.write(b.hashSync(process.env.PW,10))')"
export N8N_INSTANCE_OWNER_PASSWORD_HASH
say "starting n8n on http://127.0.0.1:$PORT (takes 10-20 s)"
: >"$LOG_DIR/n8n.log"
setsid "$N8N" start >>"$LOG_DIR/n8n.log" 2>&1 &
N8N_PID=$!
for ((i = 0; ; i++)); do
  grep -q "Editor is now accessible via" "$LOG_DIR/n8n.log" && break
  kill -0 "$N8N_PID" 2>/dev/null || { say "n8n exited during start-up"; show_log "$LOG_DIR/n8n.log"; exit 1; }
  ((i < 1500)) || { say "n8n did not start within 5 min"; show_log "$LOG_DIR/n8n.log"; exit 1; }
  sleep 0.2
done
URL="http://127.0.0.1:$PORT"
# n8n 1.x has no N8N_INSTANCE_OWNER_*: create the owner through the API on the first run
if [[ "$N8N_VERSION" == 1.* ]]; then
  OWNER_EMAIL="$OWNER_EMAIL" PW="$OWNER_PASSWORD" node -e '
    const url = process.argv[1], h = { "content-type": "application/json", "browser-id": "aluma-demo" };
    (async () => {
      const login = await fetch(url + "/rest/login", { method: "POST", headers: h,
        body: JSON.stringify({ emailOrLdapLoginId: process.env.OWNER_EMAIL, email: process.env.OWNER_EMAIL, password: process.env.PW }) });
      if (login.ok) return;
      const setup = await fetch(url + "/rest/owner/setup", { method: "POST", headers: h,
        body: JSON.stringify({ email: process.env.OWNER_EMAIL, firstName: "Demo", lastName: "User", password: process.env.PW }) });
      if (!setup.ok) { console.error("owner setup: HTTP " + setup.status + " " + (await setup.text()).slice(0, 200)); process.exit(1); }
    })();
  ' "$URL" || say "could not set up the owner account; open $URL and create one"
fi

if [[ -n "${ALUMA_DEMO_READY_FILE:-}" ]]; then
  # written last, and renamed into place, so a reader never sees half a file
  OWNER_EMAIL="$OWNER_EMAIL" PW="$OWNER_PASSWORD" WORKFLOW_LIST="$WORKFLOW_LIST" node -e '
    const fs = require("fs");
    const [file, url, fakeUrl, credId, credName, filesDir, userFolder, version] = process.argv.slice(1);
    const workflows = process.env.WORKFLOW_LIST.split("\n").filter(Boolean).map((l) => { const [id, name] = l.split("\t"); return { id, name }; });
    fs.writeFileSync(file + ".tmp", JSON.stringify({ url, n8nVersion: version, email: process.env.OWNER_EMAIL, password: process.env.PW,
      fakeUrl, credential: { id: credId, name: credName }, filesDir, userFolder, workflows }, null, 2));
    fs.renameSync(file + ".tmp", file);
  ' "$ALUMA_DEMO_READY_FILE" "$URL" "$FAKE_URL" "$CRED_ID" "$CRED_NAME" "$FILES_DIR" "$DEMO_DIR" "$N8N_VERSION"
  say "ready: $URL (details in $ALUMA_DEMO_READY_FILE)"
else
FIRST_ID="$(printf '%s\n' "$WORKFLOW_LIST" | grep -m1 -i 'api request' | cut -f1 || true)"
[[ -n "$FIRST_ID" ]] || FIRST_ID="$(printf '%s\n' "$WORKFLOW_LIST" | head -1 | cut -f1)"
{
  echo
  echo "  Aluma demo is running (ready in $(( $(date +%s) - t_start )) s)"
  echo
  echo "  n8n $N8N_VERSION   $URL"
  echo "  log in as       $OWNER_EMAIL   password: $OWNER_PASSWORD"
  echo "  open            $URL/workflow/$FIRST_ID   then click \"Execute workflow\""
  echo "  demo workflows:"
  printf '%s\n' "$WORKFLOW_LIST" | while IFS=$'\t' read -r id name; do [[ -n "$id" ]] && echo "                  $URL/workflow/$id   $name"; done
  echo "  credential      \"$CRED_NAME\" → the fake Aluma server at $FAKE_URL"
  echo "                  (request counters: $FAKE_URL/__admin/stats)"
  echo "  demo files      $FILES_DIR  (the only folder the Read/Write Files node may use)"
  echo "  n8n data        $DEMO_DIR   logs: $LOG_DIR"
  echo
  echo "  Press Ctrl-C to stop n8n and the fake server."
  echo
} >&2
fi

# run until Ctrl-C or until one of the two exits
set +e
wait -n "$N8N_PID" "$FAKE_PID"
rc=$?
set -e
if ! kill -0 "$N8N_PID" 2>/dev/null; then say "n8n stopped (exit $rc)"; show_log "$LOG_DIR/n8n.log"; fi
if ! kill -0 "$FAKE_PID" 2>/dev/null; then say "the fake Aluma server stopped (exit $rc)"; show_log "$LOG_DIR/fake-aluma.log"; fi
exit 1
