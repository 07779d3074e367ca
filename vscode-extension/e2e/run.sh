#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server (VS
# Code in the browser) driven by Debian's Chromium with playwright-core. It
# type-checks, lints and unit-tests the extension, builds the .vsix, and runs
# e2e/run.mjs. It installs nothing: e2e/setup.sh installs code-server and the
# extension's npm packages, and `bash scripts/test` installs everything (the
# Debian packages too) before it runs the tests.
#
#   bash vscode-extension/e2e/run.sh [--update-images]
#
# Environment:
#   SPECLINT_PYTHON          a Python with speclint installed (default: python3, or
#                            the Python of `speclint` on PATH)
#   SPECLINT_E2E_CACHE       where e2e/setup.sh installed code-server (default: <repo>/.cache/vscode-e2e)
#   SPECLINT_E2E_ARTIFACTS   where screenshots and logs go (default: $SPECLINT_E2E_CACHE/artifacts)
#   SPECLINT_E2E_CHROMIUM    the Chromium to drive (default: chromium on PATH)
#   SPECLINT_E2E_SKIP_CHECKS=1  skip typecheck, lint and unit tests
#
# Exit status 3: something it needs is missing (the message says what, and
# the command that installs it).
set -euo pipefail
# shellcheck source=vscode-extension/e2e/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
HERE="$E2E_HERE"
START=$(date +%s)

log() { printf '[e2e %s +%ss] %s\n' "$(date +%T)" "$(($(date +%s) - START))" "$*" >&2; }
die() { printf '[e2e] FAILED: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
# Checked, never installed: each missing one is named with what installs it.
problems=() debs=()
CHROMIUM="${SPECLINT_E2E_CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
  problems+=("Chromium is not installed (it drives VS Code)")
  debs+=(chromium)
fi
check_node
if [ ${#debs[@]} -eq 0 ]; then
  # With Node and npm there: what e2e/setup.sh installs from the npm registry.
  if [ ! -f "$NPM_STAMP" ] || ! cmp -s "$EXT/package-lock.json" "$NPM_STAMP"; then
    problems+=("the extension's npm packages are not installed, or not those of package-lock.json (vscode-extension/node_modules/)")
  fi
  if [ ! -f "$(code_server_dir)/.complete" ]; then
    problems+=("code-server $CODE_SERVER_VERSION is not installed in $CACHE")
  fi
fi
if [ ${#problems[@]} -gt 0 ]; then
  {
    echo "[e2e] missing what the VS Code end-to-end test needs:"
    printf '[e2e]   - %s\n' "${problems[@]}"
    echo "[e2e] To install them, $INSTALL_HINT."
    if [ ${#debs[@]} -gt 0 ]; then
      echo "[e2e] Or by hand: apt-get install -y --no-install-recommends ${debs[*]} (as root), then bash vscode-extension/e2e/setup.sh"
    else
      echo "[e2e] Or by hand: bash vscode-extension/e2e/setup.sh"
    fi
  } >&2
  exit 3
fi
mkdir -p "$ARTIFACTS"
export SPECLINT_E2E_CHROMIUM="$CHROMIUM"

# ---------------------------------------------------------------- speclint
if [ -z "${SPECLINT_PYTHON:-}" ]; then
  if command -v speclint >/dev/null; then
    SPECLINT_PYTHON="$(head -1 "$(command -v speclint)" | sed -n 's/^#!\s*//p' | awk '{print $1}')"
  fi
  [ -n "${SPECLINT_PYTHON:-}" ] && [ -x "$SPECLINT_PYTHON" ] || SPECLINT_PYTHON="$(command -v python3)"
fi
"$SPECLINT_PYTHON" -c 'import specdsl.lsp.server' 2>/dev/null \
  || die "$SPECLINT_PYTHON cannot import speclint's language server; run \`bash scripts/test\` (it installs speclint into .venv/), or pip install -e '.[dev]', or set SPECLINT_PYTHON"
export SPECLINT_PYTHON
log "speclint: $SPECLINT_PYTHON -m specdsl.cli lsp"

# ---------------------------------------------------------------- the extension
cd "$EXT"
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

CODE_SERVER_ENTRY="$(code_server_dir)/node_modules/code-server/out/node/entry.js"
export CODE_SERVER_ENTRY

# ---------------------------------------------------------------- the test
log "running the end-to-end test (artifacts: $ARTIFACTS)"
export SPECLINT_E2E_CACHE="$CACHE" SPECLINT_E2E_ARTIFACTS="$ARTIFACTS"
node "$HERE/run.mjs" "$@"
log "done"
