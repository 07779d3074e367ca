#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server (VS
# Code in the browser, from the npm registry) driven by Debian's Chromium with
# playwright-core. It installs what it needs, caching it under an ignored
# folder, builds the .vsix, and runs e2e/run.mjs.
#
#   bash vscode-extension/e2e/run.sh [--update-images]
#
# Environment:
#   SPECLINT_PYTHON          a Python with speclint installed (default: python3, or
#                            the Python of `speclint` on PATH)
#   SPECLINT_E2E_CACHE       where installs are cached (default: <repo>/.cache/vscode-e2e)
#   SPECLINT_E2E_ARTIFACTS   where screenshots and logs go (default: $SPECLINT_E2E_CACHE/artifacts)
#   SPECLINT_E2E_SKIP_CHECKS=1  skip typecheck, lint and unit tests
#   SPECLINT_E2E_NO_APT=1    never run apt-get (fail with the command to run instead)
#
# Needs Node 20 (code-server 4.100.x runs on Node 20 only), npm, a C++
# toolchain (code-server's native modules are built from source), and the
# Debian packages chromium, ripgrep and libkrb5-dev (installed here with
# apt-get when missing and running as root).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT="$(dirname "$HERE")"
ROOT="$(dirname "$EXT")"
CODE_SERVER_VERSION="4.100.3"
CACHE="${SPECLINT_E2E_CACHE:-$ROOT/.cache/vscode-e2e}"
ARTIFACTS="${SPECLINT_E2E_ARTIFACTS:-$CACHE/artifacts}"
START=$(date +%s)

log() { printf '[e2e %s +%ss] %s\n' "$(date +%T)" "$(($(date +%s) - START))" "$*" >&2; }
die() { printf '[e2e] FAILED: %s\n' "$*" >&2; exit 1; }

mkdir -p "$CACHE" "$ARTIFACTS"
# Native modules are built against the system's Node headers (no download).
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# ---------------------------------------------------------------- system packages
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ "${SPECLINT_E2E_NO_APT:-}" != 1 ]; then
    log "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing system packages: ${missing[*]}; run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
  fi
fi

command -v node >/dev/null || die "Node.js is not installed (code-server $CODE_SERVER_VERSION needs Node 20)"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" = 20 ] || die "code-server $CODE_SERVER_VERSION needs Node 20; this is Node $(node --version)"

# ---------------------------------------------------------------- speclint
if [ -z "${SPECLINT_PYTHON:-}" ]; then
  if command -v speclint >/dev/null; then
    SPECLINT_PYTHON="$(head -1 "$(command -v speclint)" | sed -n 's/^#!\s*//p' | awk '{print $1}')"
  fi
  [ -n "${SPECLINT_PYTHON:-}" ] && [ -x "$SPECLINT_PYTHON" ] || SPECLINT_PYTHON="$(command -v python3)"
fi
"$SPECLINT_PYTHON" -c 'import specdsl.lsp.server' 2>/dev/null \
  || die "$SPECLINT_PYTHON cannot import speclint's language server; run: pip install -e '.[dev]' (or set SPECLINT_PYTHON)"
export SPECLINT_PYTHON
log "speclint: $SPECLINT_PYTHON -m specdsl.cli lsp"

# ---------------------------------------------------------------- the extension
cd "$EXT"
stamp="node_modules/.speclint-lock"
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  log "npm ci (the extension's dependencies)"
  npm ci --no-audit --no-fund --loglevel=error >"$ARTIFACTS/npm-ci.log" 2>&1 || { tail -30 "$ARTIFACTS/npm-ci.log" >&2; die "npm ci failed"; }
  cp package-lock.json "$stamp"
fi
if [ "${SPECLINT_E2E_SKIP_CHECKS:-}" != 1 ]; then
  log "typecheck, lint, unit tests"
  npm run -s typecheck
  npm run -s lint
  npm test --silent
fi
log "building the .vsix"
rm -f dist/speclint.vsix
npm run -s package >"$ARTIFACTS/vsce.log" 2>&1 || { cat "$ARTIFACTS/vsce.log" >&2; die "vsce package failed"; }
[ -f dist/speclint.vsix ] || die "vsce did not write dist/speclint.vsix"

# ---------------------------------------------------------------- code-server
# Installed from the npm registry without its postinstall (which would
# download ripgrep from GitHub), then finished by hand as its postinstall.sh
# would. Cached under $CACHE, keyed by version and Node ABI.
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION-node$(node -p process.versions.modules)"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (once)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  (
    set -e
    cd "$CS_DIR"
    echo '{"private": true}' >package.json
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
    npm rebuild argon2 --loglevel=error
    cd node_modules/code-server/lib/vscode
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    JOBS=max npm_config_yes=true npm rebuild --loglevel=error
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
    (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
    cd extensions
    npm install --omit=dev --no-audit --no-fund --loglevel=error
  ) >"$ARTIFACTS/code-server-install.log" 2>&1 || { tail -40 "$ARTIFACTS/code-server-install.log" >&2; die "installing code-server failed (log: $ARTIFACTS/code-server-install.log)"; }
  [ -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] \
    || die "code-server's native modules were not built (log: $ARTIFACTS/code-server-install.log)"
  echo "$CODE_SERVER_VERSION $(node --version)" >"$CS_DIR/.complete"
fi
export CODE_SERVER_ENTRY="$CS_BIN"

# ---------------------------------------------------------------- the test
log "running the end-to-end test (artifacts: $ARTIFACTS)"
export SPECLINT_E2E_CACHE="$CACHE" SPECLINT_E2E_ARTIFACTS="$ARTIFACTS"
node "$HERE/run.mjs" "$@"
log "done"
