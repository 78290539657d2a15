#!/usr/bin/env bash
# Fetches the prebuilt llama.cpp natives (CPU) from npm into the ignored cache folder, once.
# Usage: scripts/fetch-natives.sh [DEST_DIR]   (prints the folder holding the .so files)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/eng/node-llama-cpp.version")"
dest="${1:-$root/.cache/natives/$version}"
lib="$dest/lib"
if [ -f "$dest/.complete" ]; then echo "$lib"; exit 0; fi
mkdir -p "$dest"
exec 9>"$dest/.lock"
flock 9
if [ -f "$dest/.complete" ]; then echo "$lib"; exit 0; fi
command -v npm >/dev/null || { echo "error: npm is required to fetch the llama.cpp natives (@node-llama-cpp/linux-x64@$version)" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "fetching @node-llama-cpp/linux-x64@$version from npm ..." >&2
(cd "$tmp" && npm pack --silent "@node-llama-cpp/linux-x64@$version" >/dev/null)
tar -xzf "$tmp"/node-llama-cpp-linux-x64-*.tgz -C "$tmp"
rm -rf "$lib"; mkdir -p "$lib"
cp "$tmp"/package/bins/linux-x64/*.so "$lib"/
cp "$tmp"/package/bins/linux-x64/_nlcBuildMetadata.json "$dest"/ 2>/dev/null || true
touch "$dest/.complete"
echo "$lib"
