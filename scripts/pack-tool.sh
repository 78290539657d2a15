#!/usr/bin/env bash
# Packs llamacode as a dotnet tool (framework-dependent, .NET 10) with the linux-x64 llama.cpp CPU natives inside,
# into artifacts/tool/. Prints that folder. Install it with:
#   dotnet tool install -g llamacode --add-source artifacts/tool
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$root/artifacts/tool"
rm -rf "$out"
dotnet pack "$root/src/LanguageServer/LlamaCode.LanguageServer.csproj" -c Release -nologo -v quiet -o "$out" -p:SatelliteResourceLanguages=en >&2
echo "$out"
