#!/usr/bin/env bash
# Builds the VS Code extension for one platform, with a self-contained llamacode and that platform's llama.cpp CPU
# natives in server/ (scripts/publish-server.sh), into artifacts/llamacode-TARGET.vsix.
#   scripts/build-vscode.sh [TARGET]     TARGET: linux-x64 (default) or linux-arm64 (VS Code's platform names)
# scripts/package-all.sh builds every target. docs/install.md says why other platforms are not built.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-linux-x64}"
case "$target" in
  linux-x64) rid=linux-x64 ;;
  linux-arm64) rid=linux-arm64 ;;
  *) echo "error: no extension for $target (docs/install.md lists the platforms and why)" >&2; exit 2 ;;
esac
ext="$root/editor-clients/vscode"
# Its output goes to stderr: stdout carries only the path of the package (scripts/test.sh captures it).
(cd "$ext" && npm ci --no-audit --no-fund --loglevel=error && npx tsc -p .) >&2
bash "$root/scripts/publish-server.sh" "$rid" "$ext/server" >/dev/null
mkdir -p "$root/artifacts"
out="$root/artifacts/llamacode-$target.vsix"
(cd "$ext" && npx vsce package --no-dependencies --target "$target" --out "$out" >&2)
rm -rf "$ext/server" # the next target's server must not mix with this one's
echo "$out"
