#!/usr/bin/env bash
# Builds llama.cpp from the pinned source (the git bundle inside the node-llama-cpp npm package) with cmake,
# into the same layout as the prebuilt natives. Use it for a GPU machine (--cuda) or a processor the
# prebuilt CPU variants do not serve. Then point LLAMACODE_NATIVE_DIR at the printed folder.
#   scripts/build-natives.sh [--cuda] [--jobs N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/eng/node-llama-cpp.version")"
cuda=0; jobs="$(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --cuda) cuda=1 ;;
    --jobs) jobs="$2"; shift ;;
    *) echo "usage: build-natives.sh [--cuda] [--jobs N]" >&2; exit 2 ;;
  esac
  shift
done
flavor=$([ "$cuda" = 1 ] && echo cuda || echo cpu)
work="$root/.cache/llama.cpp-src/$version"
out="$root/.cache/natives/$version-built-$flavor"

command -v cmake >/dev/null || { echo "error: cmake is required" >&2; exit 1; }
bash "$root/scripts/fetch-llama-source.sh" "$work" >/dev/null

flags=(-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=OFF -DLLAMA_CURL=OFF
       -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON
       -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_TOOLS=OFF
       -DLLAMA_BUILD_APP=OFF -DLLAMA_BUILD_COMMON=OFF -DLLAMA_OPENSSL=OFF)
[ "$cuda" = 1 ] && flags+=(-DGGML_CUDA=ON)
cmake -S "$work" -B "$work/build-$flavor" "${flags[@]}"
cmake --build "$work/build-$flavor" --config Release -j "$jobs"

rm -rf "$out"; mkdir -p "$out/lib"
find "$work/build-$flavor/bin" -maxdepth 1 -name '*.so*' -exec cp -P {} "$out/lib/" \;
echo "built natives in $out/lib"
echo "use them with: export LLAMACODE_NATIVE_DIR=$out/lib"
