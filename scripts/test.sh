#!/usr/bin/env bash
# Builds everything and runs the whole test suite (real llama.cpp on generated models, CPU only).
# Ends with one plain line: "N passed, N failed". Exit code 0 only when every test passed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dotnet build LlamaCode.sln -c Release -nologo -v minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# The reference llama-server of the remote-backend tests, from the pinned llama.cpp source: built once and cached
# (about 17 minutes on a loaded 2-core machine the first time, instant after); the test fixture reads the path.
if llama_server="$(bash scripts/build-llama-server.sh)"; then export LLAMACODE_LLAMA_SERVER="$llama_server"; else echo "could not build llama-server"; fi

dotnet test LlamaCode.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
rc=$?

# End to end with the npm LSP client VS Code's ecosystem uses (tests/lsp-e2e), against the built server and tiny model.
bin="$root/src/LanguageServer/bin/Release/net10.0/llamacode"
# The development tools (never shipped) generate the tiny model.
dev="$root/tools/LlamaCode.DevTools/bin/Release/net10.0/llamacode-dev"
node_rc=0
if (cd tests/lsp-e2e && npm ci --no-audit --no-fund --loglevel=error) && model="$("$dev" model-path --size tiny)"; then
  LLAMACODE_BIN="$bin" LLAMACODE_TINY_MODEL="$model" node --test --test-reporter=tap tests/lsp-e2e/e2e.test.mjs > "$results/lsp-e2e.tap" 2>&1 || node_rc=1
  cat "$results/lsp-e2e.tap"
else
  echo "could not set up the LSP end-to-end tests"; node_rc=1
fi

# The VS Code extension: type check, then its unit tests in Node (no VS Code needed).
if (cd editor-clients/vscode && npm ci --no-audit --no-fund --loglevel=error && npx tsc -p . && node build.mjs --tests); then
  node --test --test-reporter=tap editor-clients/vscode/dist-test/ > "$results/vscode-unit.tap" 2>&1 || node_rc=1
  cat "$results/vscode-unit.tap"
else
  echo "could not build the VS Code extension or its tests"; node_rc=1
fi

passed=0; failed=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# The dotnet tool package, installed into a temporary tool path: --version and a completion on its own natives.
if tool_source="$(bash scripts/pack-tool.sh)"; then
  LLAMACODE_TOOL_SOURCE="$tool_source" LLAMACODE_TINY_MODEL="$model" \
    node --test --test-reporter=tap tests/install/tool.test.mjs > "$results/tool-install.tap" 2>&1 || node_rc=1
  cat "$results/tool-install.tap"
else
  echo "could not pack the dotnet tool"; node_rc=1
fi

# End to end in a real VS Code (code-server + Chromium, installed once by scripts/setup-vscode-e2e.sh and cached):
# the linux-x64 extension package with its bundled server (only modelPath set) and the tiny model. Only this
# target is built here; scripts/package-all.sh builds every one.
if vsix="$(bash scripts/build-vscode.sh linux-x64)" && e2e_cache="$(bash scripts/setup-vscode-e2e.sh)" && (cd tests/vscode-e2e && npm ci --no-audit --no-fund --loglevel=error); then
  LLAMACODE_TINY_MODEL="$model" LLAMACODE_VSIX="$vsix" VSCODE_E2E_CACHE="$e2e_cache" \
  LLAMACODE_SCREENSHOT="$root/artifacts/vscode-ghost-text.png" \
    node --test --test-reporter=tap tests/vscode-e2e/vscode.test.mjs > "$results/vscode-e2e.tap" 2>&1 || node_rc=1
  cat "$results/vscode-e2e.tap"
else
  echo "could not set up the VS Code end-to-end test"; node_rc=1
fi

node_failed=0
for tap in "$results"/*.tap; do
  [ -f "$tap" ] || continue
  p="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -1)"
  f="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -1)"
  passed=$((passed + ${p:-0})); node_failed=$((node_failed + ${f:-0}))
done
failed=$((failed + node_failed))
if [ "$node_rc" -ne 0 ] && [ "$node_failed" -eq 0 ]; then
  echo "the Node test runs did not complete"
  failed=$((failed + 1))
fi
if [ "$files" -eq 0 ] || { [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  echo "the test run did not complete (exit code $rc, $files result files)"
  failed=$((failed + 1))
fi
# The names of the failed tests, last, so that a log's tail says what failed and why.
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    # One UnitTestResult element per test; its Message holds the assertion's first lines.
    awk 'BEGIN { RS = "</UnitTestResult>" }
         /<UnitTestResult [^>]*outcome="Failed"/ {
           name = $0; sub(/.*<UnitTestResult [^>]*testName="/, "", name); sub(/".*/, "", name)
           msg = ""; if (match($0, /<Message>[^<]*<\/Message>/)) msg = substr($0, RSTART + 9, RLENGTH - 19)
           gsub(/\n/, " ", msg); print "  " name ": " substr(msg, 1, 600)
         }' "$trx"
  done
  grep -h "^not ok" "$results"/*.tap 2>/dev/null | sed 's/^/  /'
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
