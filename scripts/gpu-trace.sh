#!/usr/bin/env bash
# GPU check for issue 12: per-token decode time of a 7B-shaped Q4_K_M model on CUDA against the memory-bandwidth
# floor, and llama-server's /infill on it. Two steps, because the GPU machine has no network and no dotnet:
#
#   scripts/gpu-trace.sh pack     here (network, the pinned source in ~/.cache/llamacode): writes gpu-pack/ (~20 MiB,
#                                 ignored by git): a pruned tarball of the pinned llama.cpp source and the generated
#                                 32,016-token Code Llama-style vocabulary as JSON. gpu-pack/ is git-ignored: name it
#                                 in the device run's carry.
#   scripts/gpu-trace.sh run      there (nvcc, cmake, python3 with numpy): builds llama-server, llama-bench and
#                                 llama-quantize for sm_90 from the tarball, writes a 7B-shaped model with random weights
#                                 (F16, then llama-quantize to Q4_K_M), runs llama-bench (decode at depth 0 and 4096,
#                                 prompt 512) and prints ms/token against the floor (bytes read per token / bandwidth).
#                                 Results go to $OUT (or ./gpu-out). About 8-9 minutes on an H200 machine, 16 cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pack="$root/gpu-pack"
mode="${1:-}"

if [ "$mode" = pack ]; then
  version="$(tr -d '[:space:]' < "$root/eng/node-llama-cpp.version")"
  src="${LLAMACODE_CACHE_DIR:-$HOME/.cache/llamacode}/llama.cpp-src/$version"
  [ -d "$src/.git" ] || bash "$root/scripts/build-llama-server.sh" >/dev/null   # fetches the pinned source
  mkdir -p "$pack"
  # The build needs the CMake tree, ggml (CPU and CUDA backends), src, include, common, vendor, tools and gguf-py.
  git -C "$src" archive --format=tar HEAD -- CMakeLists.txt cmake common ggml gguf-py include scripts/ui-assets.cmake src tools vendor licenses LICENSE \
    ':!ggml/src/ggml-vulkan' ':!ggml/src/ggml-sycl' ':!ggml/src/ggml-metal' ':!ggml/src/ggml-cann' ':!ggml/src/ggml-opencl' \
    ':!ggml/src/ggml-musa' ':!ggml/src/ggml-hip' ':!ggml/src/ggml-webgpu' ':!ggml/src/ggml-zdnn' ':!tools/server/public' \
    | xz -T0 -6 > "$pack/llama.cpp-src.tar.xz"
  model="$(LLAMACODE_MODEL_CACHE="${LLAMACODE_MODEL_CACHE:-$HOME/.cache/llamacode/models}" dotnet "$root/tools/LlamaCode.DevTools/bin/Release/net10.0/llamacode-dev.dll" model-path --size small 2>/dev/null | tail -1)"
  python3 "$root/scripts/gguf-vocab.py" "$model" "$pack/vocab.json"
  du -sh "$pack"/*
  echo "pack ready: $pack (the tree that travels must stay under 64 MiB)"
  exit 0
fi

[ "$mode" = run ] || { echo "usage: gpu-trace.sh pack|run" >&2; exit 2; }
out="${OUT:-$root/gpu-out}"; mkdir -p "$out"
exec > >(tee "$out/gpu-trace.log") 2>&1
work=/tmp/gpu-trace; mkdir -p "$work"
t0=$SECONDS
nvidia-smi --query-gpu=name,memory.total,clocks.max.memory --format=csv
tar -xJf "$pack/llama.cpp-src.tar.xz" -C "$work"
cmake -S "$work" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=90 -DBUILD_SHARED_LIBS=OFF \
  -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON \
  -DLLAMA_BUILD_APP=OFF >/dev/null
cmake --build "$work/build" --target llama-server llama-bench llama-quantize -j "$(nproc)" > "$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
echo "built in $((SECONDS - t0)) s"

# A 7B-shaped llama (Code Llama 7B: 4096 wide, 32 layers, 32 heads, no GQA, FFN 11008) with random weights.
PYTHONPATH="$work/gguf-py" python3 "$root/scripts/gguf-vocab.py" --write-7b "$pack/vocab.json" "$work/m-f16.gguf"
"$work/build/bin/llama-quantize" "$work/m-f16.gguf" "$work/m-q4km.gguf" Q4_K_M >/dev/null 2>&1
rm -f "$work/m-f16.gguf"
echo "model ready at $((SECONDS - t0)) s: $(stat -c %s "$work/m-q4km.gguf") bytes"

"$work/build/bin/llama-bench" -m "$work/m-q4km.gguf" -ngl 99 -fa 1 -p 512 -n 128 -d 0,4096 -r 3 -o json > "$out/llama-bench.json"
python3 - "$out/llama-bench.json" "$work/m-q4km.gguf" <<'EOF'
import json, os, sys
rows = json.load(open(sys.argv[1])); weights = os.path.getsize(sys.argv[2])
bandwidth = 4.3e12  # bytes/s: device-to-device copy measured on these machines (KINDS.md); datasheet 4.8e12
kv_per_token = 2 * 32 * 4096 * 2  # K and V, 32 layers, 4096 wide, F16
print("| test | depth | tokens/s | ms/token | floor ms/token (weights + KV read once) | floor / measured |")
print("|---|---:|---:|---:|---:|---:|")
for r in rows:
    depth = r.get("n_depth", 0)
    if r["n_gen"] > 0:
        ms = 1000 / r["avg_ts"]
        floor = 1000 * (weights + kv_per_token * (depth + r["n_gen"] / 2)) / bandwidth
        print(f"| tg{r['n_gen']} | {depth} | {r['avg_ts']:.1f} | {ms:.2f} | {floor:.2f} | {floor / ms:.0%} |")
    else:
        print(f"| pp{r['n_prompt']} | {depth} | {r['avg_ts']:.0f} | {1000 / r['avg_ts']:.3f} | | |")
EOF

# llama.vscode's /infill on the same model, prompt ~1,000 tokens, 16 tokens out.
"$work/build/bin/llama-server" -m "$work/m-q4km.gguf" -ngl 99 -c 4096 -np 1 --cache-reuse 256 --port 8089 --no-webui >/dev/null 2>&1 &
server=$!
python3 -c "
import time, urllib.request
for _ in range(120):
    try:
        urllib.request.urlopen('http://localhost:8089/health'); break
    except Exception: time.sleep(1)
"
python3 - <<'EOF'
import json, time, urllib.request
body = "".join(f"    public int Method{i}(int a, int b) {{ return a * {i} + b; }}\n" for i in range(200))
def infill(prefix, line):
    req = {"input_prefix": prefix, "input_suffix": "\n}\n", "prompt": line, "n_predict": 16, "cache_prompt": True,
           "top_k": 40, "top_p": 0.99, "samplers": ["top_k", "top_p", "infill"], "input_extra": []}
    t = time.time()
    r = json.load(urllib.request.urlopen(urllib.request.Request("http://localhost:8089/infill", json.dumps(req).encode(), {"Content-Type": "application/json"})))
    return (time.time() - t) * 1000, r["timings"]
line = "    public int Sum"
for k in range(1, len(line) + 1):
    ms, t = infill("class C {\n" + body, line[:k])
    print(f"keystroke {k:2d}: {ms:7.1f} ms  prompt {t['prompt_n']:4d} new / {t['cache_n']:4d} cached, {t['predicted_per_token_ms']:.2f} ms/token decoding")
EOF
kill $server
echo "done in $((SECONDS - t0)) s"
