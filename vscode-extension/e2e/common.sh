# shellcheck shell=bash disable=SC2034  # sourced: its variables are used by the scripts that source it
# Shared by e2e/setup.sh (which installs) and e2e/run.sh (which tests): the
# code-server version, where it is installed, and the checks of what the
# machine must have. Sourced, not run.

E2E_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT="$(dirname "$E2E_HERE")"
ROOT="$(dirname "$EXT")"
# code-server 4.100.x runs on Node 20 only.
CODE_SERVER_VERSION="4.100.3"
NODE_WANTED=20
CACHE="${SPECLINT_E2E_CACHE:-$ROOT/.cache/vscode-e2e}"
ARTIFACTS="${SPECLINT_E2E_ARTIFACTS:-$CACHE/artifacts}"
# The stamp that says the extension's npm packages match package-lock.json.
NPM_STAMP="$EXT/node_modules/.speclint-lock"
INSTALL_HINT="run \`bash scripts/test\`, which installs them (Debian packages with apt-get, the rest from the npm registry)"

# The folder of code-server, keyed by its version and Node's ABI (its native
# modules are built for one). Needs node.
code_server_dir() {
  printf '%s/code-server-%s-node%s' "$CACHE" "$CODE_SERVER_VERSION" "$(node -p process.versions.modules)"
}

# Appends to the array `problems` what Node and npm lack, and to `debs` the
# Debian packages that bring them.
check_node() {
  if ! command -v node >/dev/null; then
    problems+=("Node.js $NODE_WANTED is not installed (code-server $CODE_SERVER_VERSION runs on Node $NODE_WANTED)")
    debs+=(nodejs)
  elif [ "$(node -p 'process.versions.node.split(".")[0]')" != "$NODE_WANTED" ]; then
    problems+=("code-server $CODE_SERVER_VERSION needs Node $NODE_WANTED; this is Node $(node --version): install Node $NODE_WANTED (Debian 13's nodejs, or NodeSource's for Debian 12)")
  fi
  if ! command -v npm >/dev/null; then
    problems+=("npm is not installed")
    debs+=(npm)
  fi
}
