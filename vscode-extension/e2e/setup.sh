#!/usr/bin/env bash
# Installs what the VS Code end-to-end test (e2e/run.sh, tests/vscode) needs
# from the npm registry: the extension's npm packages (`npm ci`, into
# vscode-extension/node_modules/) and code-server (VS Code in the browser,
# into $SPECLINT_E2E_CACHE). Both are kept: a second run installs nothing.
# `bash scripts/test` runs this after the Debian packages; the test itself
# never installs anything.
#
#   bash vscode-extension/e2e/setup.sh
#
# Needs Node 20, npm, g++ and make and the Kerberos headers (code-server's
# native modules are built from source), and ripgrep (code-server's search):
# Debian's nodejs, npm, g++, make, libkrb5-dev and ripgrep.
set -euo pipefail
# shellcheck source=vscode-extension/e2e/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

START=$(date +%s)
say() { printf 'e2e/setup.sh [+%ss]: %s\n' "$(($(date +%s) - START))" "$*" >&2; }
die() { printf 'e2e/setup.sh: %s\n' "$*" >&2; exit 1; }

problems=() debs=()
check_node
command -v g++ >/dev/null || { problems+=("g++ is not installed"); debs+=(g++); }
command -v make >/dev/null || { problems+=("make is not installed"); debs+=(make); }
[ -f /usr/include/gssapi/gssapi.h ] || { problems+=("the Kerberos headers are not installed"); debs+=(libkrb5-dev); }
command -v rg >/dev/null || { problems+=("ripgrep is not installed"); debs+=(ripgrep); }
if [ ${#problems[@]} -gt 0 ]; then
  printf 'e2e/setup.sh: %s\n' "${problems[@]}" >&2
  [ ${#debs[@]} -eq 0 ] || die "install them: apt-get install -y --no-install-recommends ${debs[*]} (or $INSTALL_HINT)"
  exit 1
fi

mkdir -p "$CACHE" "$ARTIFACTS"
# Native modules are built against the system's Node headers (no download).
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# ---------------------------------------------------------------- the extension
cd "$EXT"
if [ -f "$NPM_STAMP" ] && cmp -s package-lock.json "$NPM_STAMP"; then
  say "the extension's npm packages are installed (vscode-extension/node_modules/ matches package-lock.json)"
else
  say "installing the extension's npm packages into vscode-extension/node_modules/ (npm ci): its build, type check, lint, unit tests and playwright-core, which drives Chromium"
  npm ci --no-audit --no-fund --loglevel=error >"$ARTIFACTS/npm-ci.log" 2>&1 \
    || { tail -30 "$ARTIFACTS/npm-ci.log" >&2; die "npm ci failed (log: $ARTIFACTS/npm-ci.log)"; }
  cp package-lock.json "$NPM_STAMP"
fi

# ---------------------------------------------------------------- code-server
# Installed from the npm registry without its postinstall (which would
# download ripgrep from GitHub), then finished by hand as its postinstall.sh
# would.
CS_DIR="$(code_server_dir)"
if [ -f "$CS_DIR/.complete" ]; then
  say "code-server $CODE_SERVER_VERSION is installed ($CS_DIR)"
  exit 0
fi
say "installing code-server $CODE_SERVER_VERSION (VS Code in the browser, which the end-to-end test drives) from the npm registry into $CS_DIR, building its native modules (a few minutes, once)"
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
) >"$ARTIFACTS/code-server-install.log" 2>&1 \
  || { tail -40 "$ARTIFACTS/code-server-install.log" >&2; die "installing code-server failed (log: $ARTIFACTS/code-server-install.log)"; }
[ -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] \
  || die "code-server's native modules were not built (log: $ARTIFACTS/code-server-install.log)"
echo "$CODE_SERVER_VERSION $(node --version)" >"$CS_DIR/.complete"
say "code-server $CODE_SERVER_VERSION installed"
