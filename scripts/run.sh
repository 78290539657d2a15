#!/usr/bin/env bash
# Builds everything, then runs the main job: a completion at a cursor of samples/Demo.cs.
#   scripts/run.sh [--model FILE] [more llamacode complete options]
# Without --model it uses the generated tiny demo model (`llamacode-dev model-path`: random weights, its output is
# noise); `llamacode complete` itself never picks a model for you.
# Afterwards the same build serves editors: artifacts/bin/llamacode serve --model FILE
# The development tools (benchmarks, generated models; never shipped) land in artifacts/dev/llamacode-dev.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build LlamaCode.sln -c Release -nologo -v quiet
dotnet publish src/LanguageServer -c Release -nologo -v quiet --no-build -o artifacts/bin >/dev/null
dotnet publish tools/LlamaCode.DevTools -c Release -nologo -v quiet --no-build -o artifacts/dev >/dev/null
echo "--- completion at samples/Demo.cs:20:17 ---" >&2
model=()
case " $* " in *" --model "*|*" -m "*) ;; *) model=(--model "$(artifacts/dev/llamacode-dev model-path --size tiny)") ;; esac
artifacts/bin/llamacode complete "${model[@]}" --file samples/Demo.cs --line 20 --character 17 "$@"
echo "--- the server for editors: $root/artifacts/bin/llamacode serve --model FILE ---" >&2
