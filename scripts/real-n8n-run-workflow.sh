#!/usr/bin/env bash
# real-n8n-run-workflow.sh — run ONE workflow file headlessly on a real n8n installed by
# scripts/real-n8n-setup.sh, with optional credentials and local community-node packages.
# (A quick manual tool; the e2e suite in test/e2e/ does the same for many workflows at once.)
#
#   bash scripts/real-n8n-run-workflow.sh <install-dir> <workflow.json> [creds.json|-] [pkg-dir ...]
#   bash scripts/real-n8n-run-workflow.sh - examples/api-request.json creds.json .
#       install-dir "-" = the default ${ALUMA_CACHE_DIR:-~/.cache/n8n-nodes-aluma}/n8n-${N8N_VERSION:-2.41.1}
#
#   workflow.json  one workflow object (or an array; WF_ID picks one, default: the first).
#                  It must start at a Manual Trigger. If it has no "id", one is added.
#   creds.json     array of {"id","name","type","data":{...plain values...}} — n8n encrypts on import.
#                  Pass "-" for none.
#   pkg-dir        a built community-node package folder (package.json with an "n8n" section,
#                  name n8n-nodes-* or @scope/n8n-nodes-*). Node types are "<package-name>.<nodeName>".
#
# stdout: the execution JSON (IRun: .status, .data.resultData.runData["<node>"][0].data.main[0][i].json)
# stderr: n8n's log lines.  Exit code: 0 on success, 1 when the execution failed.
# Env: PKG_MODE=install (default: `npm pack`, then the tarball unpacked into <user-folder>/.n8n/nodes/
#      node_modules/<name> with no node_modules of its own, as n8n installs a community package),
#      npm (`npm install <tgz> --legacy-peer-deps --ignore-scripts` there) or link (symlink, fastest
#      for a dev loop; the package then resolves its own n8n-workflow copy first);
#      KEEP=1 keeps the throwaway user folder (path printed on stderr); N8N_USER_FOLDER to reuse one.
set -euo pipefail
INSTALL="${1:?usage: real-n8n-run-workflow.sh <install-dir|-> <workflow.json> [creds.json|-] [pkg-dir ...]}"
if [[ "$INSTALL" == - ]]; then INSTALL="${ALUMA_CACHE_DIR:-$HOME/.cache/n8n-nodes-aluma}/n8n-${N8N_VERSION:-2.41.1}"; fi
[[ -f "$INSTALL/env.sh" ]] || { echo "[run] no n8n in $INSTALL: run scripts/real-n8n-setup.sh first" >&2; exit 2; }
DIR="$(cd "$INSTALL" && pwd)"; WF="$(realpath "${2:?workflow.json}")"; CREDS="${3:--}"
shift $(( $# >= 3 ? 3 : $# ))
caller_uf="${N8N_USER_FOLDER:-}"
# shellcheck disable=SC1091
. "$DIR/env.sh"
n8n() { "$REAL_N8N_NODE" "$REAL_N8N_BIN" "$@"; }

if [[ -z "$caller_uf" ]]; then   # throwaway user folder (fresh sqlite db) unless the caller set one
  N8N_USER_FOLDER="$(mktemp -d -t n8n-run.XXXXXX)"; export N8N_USER_FOLDER; fresh=1
else fresh=0; fi
WORK="$(mktemp -d -t n8n-run-work.XXXXXX)"
cleanup() { rm -rf "$WORK"; if [[ $fresh == 1 && -z "${KEEP:-}" ]]; then rm -rf "$N8N_USER_FOLDER"; fi; }
trap cleanup EXIT
echo "[run] N8N_USER_FOLDER=$N8N_USER_FOLDER" >&2

# a free port for the task broker, so this can run beside an `n8n start`
N8N_RUNNERS_BROKER_PORT="$("$REAL_N8N_NODE" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
export N8N_RUNNERS_BROKER_PORT

# 1. community-node packages -> <user-folder>/.n8n/nodes/node_modules/<name>
NODES="$N8N_USER_FOLDER/.n8n/nodes"
for pkg in "$@"; do
  pkg="$(realpath "$pkg")"
  name="$("$REAL_N8N_NODE" -p 'require(process.argv[1]).name' "$pkg/package.json")"
  [[ "$name" =~ ^(@[^/]+/)?n8n-nodes- ]] || echo "[run] WARNING: n8n only scans nodes/node_modules for n8n-nodes-* / @scope/n8n-nodes-*; '$name' will not load" >&2
  mkdir -p "$NODES/node_modules"
  target="$NODES/node_modules/$name"
  case "${PKG_MODE:-install}" in
    link)
      mkdir -p "$(dirname "$target")"
      ln -sfn "$pkg" "$target" ;;
    npm)
      [[ -f "$NODES/package.json" ]] || echo '{"name":"installed-nodes","private":true}' > "$NODES/package.json"
      tgz="$(cd "$pkg" && npm pack --silent --ignore-scripts --pack-destination "$WORK" | tail -1)"
      (cd "$NODES" && npm install "$WORK/$tgz" --legacy-peer-deps --ignore-scripts --no-audit --no-fund --loglevel=error >&2) ;;
    install)
      tgz="$(cd "$pkg" && npm pack --silent --ignore-scripts --pack-destination "$WORK" | tail -1)"
      rm -rf "$target" && mkdir -p "$target"
      tar xzf "$WORK/$tgz" --strip-components=1 -C "$target" ;;
    *) echo "[run] PKG_MODE must be install, npm or link" >&2; exit 2 ;;
  esac
  echo "[run] package $name -> $target (${PKG_MODE:-install})" >&2
done

# 2. credentials (plain data; import encrypts with N8N_ENCRYPTION_KEY)
if [[ "$CREDS" != - ]]; then n8n import:credentials --input "$(realpath "$CREDS")" >&2; fi

# 3. workflow: make sure it has an id, import, execute by id
WF_ID="$("$REAL_N8N_NODE" -e '
  const fs=require("fs"); let d=JSON.parse(fs.readFileSync(process.argv[1],"utf8"));
  const arr=Array.isArray(d)?d:[d]; const want=process.env.WF_ID;
  let w=want?arr.find(x=>x.id===want):arr[0]; if(!w) throw new Error("workflow "+want+" not in file");
  if(!w.id) w.id="wf"+Math.random().toString(36).slice(2,14);
  for (const x of arr) { x.active=false; if(!x.id) x.id="wf"+Math.random().toString(36).slice(2,14); }
  fs.writeFileSync(process.argv[2], JSON.stringify(arr)); console.log(w.id);
' "$WF" "$WORK/wf.json")"
n8n import:workflow --input "$WORK/wf.json" >&2

set +e
n8n execute --id "$WF_ID" --rawOutput > "$WORK/out.txt" 2> "$WORK/err.txt"
rc=$?
set -e
# --rawOutput still prints log lines on stdout around the result: the execution JSON is the block
# from the first line "{" to the next line "}" (also printed, with "status":"error", on failure)
awk 's==0 && /^\{$/ {s=1} s==1 {print; if (/^\}$/) s=2; next} {print > "/dev/stderr"}' "$WORK/out.txt"
cat "$WORK/err.txt" >&2
exit $rc
