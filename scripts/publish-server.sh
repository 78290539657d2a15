#!/usr/bin/env bash
# Publishes a self-contained llamacode (no .NET needed on the target) for one runtime, with that runtime's llama.cpp
# CPU natives beside it, into OUT_DIR. Not trimmed: see docs/install.md (trimming breaks Roslyn's MSBuild workspace).
#   scripts/publish-server.sh RID OUT_DIR      RID: linux-x64 or linux-arm64
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rid="${1:?usage: publish-server.sh RID OUT_DIR}"; out="${2:?usage: publish-server.sh RID OUT_DIR}"
case "$rid" in
  linux-x64|linux-arm64) natives_platform="$rid" ;; # node-llama-cpp names these two as .NET does
  *) echo "error: no llama.cpp natives for $rid at the pinned version (docs/install.md)" >&2; exit 2 ;;
esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
natives="$(bash "$root/scripts/fetch-natives.sh" --platform "$natives_platform")"
rm -rf "$out"
# LLAMACODE_SKIP_NATIVES: the build's own (linux-x64) natives are not copied; this runtime's are, below.
dotnet publish "$root/src/LanguageServer/LlamaCode.LanguageServer.csproj" -c Release -r "$rid" --self-contained \
  -p:LLAMACODE_SKIP_NATIVES=true -p:SatelliteResourceLanguages=en -p:DebugType=none -nologo -v quiet -o "$out" >&2
cp "$natives"/*.so "$out"/
cp "$natives"/../_nlcBuildMetadata.json "$out"/
echo "$out"
