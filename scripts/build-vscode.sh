#!/usr/bin/env bash
# Builds the VS Code extension (editor-clients/vscode) into artifacts/llamacode.vsix.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/editor-clients/vscode"
npm ci --no-audit --no-fund --loglevel=error
npx tsc -p .
mkdir -p "$root/artifacts"
npm run --silent package
echo "built $root/artifacts/llamacode.vsix"
