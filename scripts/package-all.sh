#!/usr/bin/env bash
# Builds every install package into artifacts/: the VS Code extension for each platform that has llama.cpp natives
# at the pinned version and a .NET runtime pack here (linux-x64, linux-arm64), and the dotnet tool. Slow (one
# self-contained publish per platform): the test suite builds only what its tests need (linux-x64).
# Prints each package with its size. docs/install.md says why the other platforms are not built.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
built=()
for target in linux-x64 linux-arm64; do
  built+=("$(bash "$root/scripts/build-vscode.sh" "$target")")
done
tool="$(bash "$root/scripts/pack-tool.sh")"
built+=("$tool"/*.nupkg)
for f in "${built[@]}"; do printf '%s\t%s\n' "$(du -h "$f" | cut -f1)" "$f"; done
