#!/usr/bin/env bash
# Clones the pinned llama.cpp source (the git bundle inside the node-llama-cpp npm package, the same source as the
# natives) into DEST once, and prints DEST. Shared by build-natives.sh and build-llama-server.sh.
#   scripts/fetch-llama-source.sh DEST
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/eng/node-llama-cpp.version")"
dest="${1:?usage: fetch-llama-source.sh DEST}"
if [ ! -d "$dest/.git" ]; then
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  echo "fetching node-llama-cpp@$version (pinned llama.cpp source) from npm ..." >&2
  (cd "$tmp" && npm pack --silent "node-llama-cpp@$version" >/dev/null && tar -xzf node-llama-cpp-*.tgz package/llama/gitRelease.bundle)
  rm -rf "$dest"; mkdir -p "$(dirname "$dest")"
  git clone -q "$tmp/package/llama/gitRelease.bundle" "$dest"
fi
echo "$dest"
