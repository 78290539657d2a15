#!/usr/bin/env python3
"""The generated Code Llama-style vocabulary, carried to a machine without dotnet (scripts/gpu-trace.sh).

  gguf-vocab.py MODEL.gguf VOCAB.json          reads the tokenizer keys of a GGUF (pure Python, no numpy)
  gguf-vocab.py --write-7b VOCAB.json OUT.gguf writes a 7B-shaped llama with random F16 weights and that vocabulary
                                               (needs numpy and llama.cpp's gguf-py on PYTHONPATH)
"""
import json, struct, sys

SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}


def read_tokenizer_keys(path):
    with open(path, "rb") as f:
        def unpack(fmt):
            return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]

        def string():
            return f.read(unpack("<Q")).decode("utf-8", "surrogateescape")

        def value(t):
            if t == 8:
                return string()
            if t == 9:
                sub, n = unpack("<I"), unpack("<Q")
                return {"type": sub, "items": [value(sub) for _ in range(n)]}
            return unpack(SCALARS[t])

        if f.read(4) != b"GGUF":
            raise SystemExit(f"{path}: not a GGUF file")
        unpack("<I"); unpack("<Q")
        keys = {}
        for _ in range(unpack("<Q")):
            key, t = string(), unpack("<I")
            v = value(t)
            if key.startswith("tokenizer."):
                keys[key] = {"type": t, "value": v}
        return keys


def write_7b(vocab_path, out_path):
    import numpy as np
    import gguf

    keys = json.load(open(vocab_path))
    n_vocab = len(keys["tokenizer.ggml.tokens"]["value"]["items"])
    embd, layers, heads, ff = 4096, 32, 32, 11008
    w = gguf.GGUFWriter(out_path, "llama")
    w.add_name("LlamaCode generated 7B-shaped model (random weights)")
    w.add_context_length(16384)
    w.add_embedding_length(embd)
    w.add_block_count(layers)
    w.add_feed_forward_length(ff)
    w.add_head_count(heads)
    w.add_head_count_kv(heads)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_rope_freq_base(1e6)
    w.add_rope_dimension_count(embd // heads)
    w.add_file_type(1)
    for key, kv in keys.items():
        if kv["type"] == 9:
            w.add_array(key, kv["value"]["items"])
        else:
            w.add_key_value(key, kv["value"], gguf.GGUFValueType(kv["type"]))

    # One random buffer, viewed by every matrix: the values do not matter for timing, the bytes read do.
    rng = np.random.default_rng(0)
    pool = (rng.standard_normal(max(n_vocab, ff) * embd, dtype=np.float32) * 0.02).astype(np.float16)
    def matrix(rows, cols):
        return pool[: rows * cols].reshape(rows, cols)
    ones = np.ones(embd, dtype=np.float32)
    w.add_tensor("token_embd.weight", matrix(n_vocab, embd))
    for i in range(layers):
        p = f"blk.{i}."
        w.add_tensor(p + "attn_norm.weight", ones)
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            w.add_tensor(p + name + ".weight", matrix(embd, embd))
        w.add_tensor(p + "ffn_norm.weight", ones)
        w.add_tensor(p + "ffn_gate.weight", matrix(ff, embd))
        w.add_tensor(p + "ffn_up.weight", matrix(ff, embd))
        w.add_tensor(p + "ffn_down.weight", matrix(embd, ff))
    w.add_tensor("output_norm.weight", ones)
    w.add_tensor("output.weight", matrix(n_vocab, embd))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--write-7b":
        write_7b(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3:
        json.dump(read_tokenizer_keys(sys.argv[1]), open(sys.argv[2], "w"))
    else:
        raise SystemExit(__doc__)
