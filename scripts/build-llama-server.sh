#!/usr/bin/env bash
# Builds llama.cpp's llama-server from the pinned source (the git bundle inside the node-llama-cpp npm package,
# the same source as the natives), once, into a cache shared by every checkout of this machine. Used by
# `llamacode-dev bench trace` and the remote-backend tests as the reference server. Prints the binary's path.
#   scripts/build-llama-server.sh [--cuda] [--jobs N]
# Cache: ${LLAMACODE_CACHE_DIR:-~/.cache/llamacode}/llama-server/<version>-<flavor>/llama-server
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/eng/node-llama-cpp.version")"
cuda=0; jobs="$(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --cuda) cuda=1 ;;
    --jobs) jobs="$2"; shift ;;
    *) echo "usage: build-llama-server.sh [--cuda] [--jobs N]" >&2; exit 2 ;;
  esac
  shift
done
flavor=$([ "$cuda" = 1 ] && echo cuda || echo cpu)
cache="${LLAMACODE_CACHE_DIR:-$HOME/.cache/llamacode}"
out="$cache/llama-server/$version-$flavor"
bin="$out/llama-server"
if [ -x "$bin" ] && [ -f "$out/.complete" ]; then echo "$bin"; exit 0; fi
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9
if [ -x "$bin" ] && [ -f "$out/.complete" ]; then echo "$bin"; exit 0; fi

command -v cmake >/dev/null || { echo "error: cmake is required to build llama-server" >&2; exit 1; }
src="$cache/llama.cpp-src/$version"
bash "$root/scripts/fetch-llama-source.sh" "$src" >/dev/null

# Static libraries: one self-contained binary that does not pick up our natives' .so files.
flags=(-DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DGGML_NATIVE=ON -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF
       -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON)
[ "$cuda" = 1 ] && flags+=(-DGGML_CUDA=ON)
build="$src/build-server-$flavor"
start=$SECONDS
echo "building llama-server ($flavor) from the pinned source, once; about 10 minutes on 2 cores ..." >&2
cmake -S "$src" -B "$build" "${flags[@]}" >&2
cmake --build "$build" --config Release --target llama-server -j "$jobs" >&2
cp "$build/bin/llama-server" "$bin"
echo "built llama-server in $((SECONDS - start)) s" >&2
touch "$out/.complete"
echo "$bin"
