#!/usr/bin/env bash
# Fetches the prebuilt llama.cpp natives (CPU) from npm into the ignored cache folder, once.
# Usage: scripts/fetch-natives.sh [--platform linux-x64|linux-arm64] [DEST_DIR]   (prints the folder holding the .so files)
# The platform is node-llama-cpp's name (@node-llama-cpp/PLATFORM); linux-x64, the default, is what the build uses.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/eng/node-llama-cpp.version")"
platform=linux-x64
if [ "${1:-}" = "--platform" ]; then platform="$2"; shift 2; fi
case "$platform" in
  linux-x64) default_dest="$root/.cache/natives/$version" ;;
  linux-arm64) default_dest="$root/.cache/natives/$version-$platform" ;;
  *) echo "error: no CPU natives of node-llama-cpp $version for '$platform' (docs/install.md lists the platforms)" >&2; exit 2 ;;
esac
dest="${1:-$default_dest}"
lib="$dest/lib"
if [ -f "$dest/.complete" ]; then echo "$lib"; exit 0; fi
mkdir -p "$dest"
exec 9>"$dest/.lock"
flock 9
if [ -f "$dest/.complete" ]; then echo "$lib"; exit 0; fi
command -v npm >/dev/null || { echo "error: npm is required to fetch the llama.cpp natives (@node-llama-cpp/$platform@$version)" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "fetching @node-llama-cpp/$platform@$version from npm ..." >&2
(cd "$tmp" && npm pack --silent "@node-llama-cpp/$platform@$version" >/dev/null)
tar -xzf "$tmp"/node-llama-cpp-"$platform"-*.tgz -C "$tmp"
rm -rf "$lib"; mkdir -p "$lib"
cp "$tmp"/package/bins/"$platform"/*.so "$lib"/
cp "$tmp"/package/bins/"$platform"/_nlcBuildMetadata.json "$dest"/ 2>/dev/null || true
touch "$dest/.complete"
echo "$lib"
