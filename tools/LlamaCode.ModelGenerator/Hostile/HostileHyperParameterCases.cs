using static LlamaCode.ModelGenerator.Hostile.HostileCorpus;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>The architecture's hyper-parameters: layer, head, expert counts, RoPE, norms.</summary>
internal static class HostileHyperParameterCases
{
    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.HyperParameter;
        HostileCase Set(string name, string what, string key, object value, bool ended = false) =>
            Spec(name, c, what, s => s.Set(key, value), ended);

        yield return Set("hp-block-count-0", "block count 0", "llama.block_count", 0u, ended: true);
        yield return Set("hp-block-count-100000", "block count 100,000", "llama.block_count", 100_000u, ended: true);
        yield return Set("hp-block-count-513", "block count 513 (llama.cpp allows 512)", "llama.block_count", 513u);
        yield return Set("hp-block-count-3", "3 layers declared, 2 stored", "llama.block_count", 3u);
        yield return Set("hp-block-count-1", "1 layer declared, 2 stored", "llama.block_count", 1u);
        yield return Set("hp-block-count-string", "block count as a string", "llama.block_count", "2");
        yield return Spec("hp-block-count-missing", c, "no block count", s => s.Remove("llama.block_count"));
        yield return Set("hp-context-length-0", "context length 0", "llama.context_length", 0u);
        yield return Set("hp-context-length-2e31", "context length 2^31", "llama.context_length", 1u << 31);
        yield return Spec("hp-context-length-missing", c, "no context length", s => s.Remove("llama.context_length"));
        yield return Set("hp-embedding-length-0", "embedding length 0", "llama.embedding_length", 0u);
        yield return Set("hp-embedding-length-2e20", "embedding length 2^20", "llama.embedding_length", 1u << 20);
        yield return Set("hp-embedding-length-256", "embedding length 256 for 128-wide tensors", "llama.embedding_length", 256u);
        yield return Set("hp-head-count-0", "no attention heads", "llama.attention.head_count", 0u);
        yield return Set("hp-head-count-3", "3 heads for an embedding of 128", "llama.attention.head_count", 3u);
        yield return Set("hp-head-count-100000", "100,000 heads", "llama.attention.head_count", 100_000u);
        yield return Set("hp-head-count-kv-0", "no key/value heads", "llama.attention.head_count_kv", 0u);
        yield return Set("hp-head-count-kv-3", "3 key/value heads for 4 heads", "llama.attention.head_count_kv", 3u);
        yield return Set("hp-head-count-kv-8", "more key/value heads than heads", "llama.attention.head_count_kv", 8u);
        yield return Set("hp-head-count-array-short", "per-layer head counts for 3 layers of 2", "llama.attention.head_count", new uint[] { 4, 4, 4 });
        yield return Set("hp-head-count-array-zero", "per-layer head counts with a 0", "llama.attention.head_count", new uint[] { 4, 0 });
        yield return Set("hp-feed-forward-0", "feed-forward length 0", "llama.feed_forward_length", 0u);
        yield return Set("hp-feed-forward-100", "feed-forward length 100 for 352-wide tensors", "llama.feed_forward_length", 100u);
        yield return Set("hp-rope-dimension-0", "RoPE over 0 dimensions", "llama.rope.dimension_count", 0u);
        yield return Set("hp-rope-dimension-31", "RoPE over an odd 31 dimensions", "llama.rope.dimension_count", 31u);
        yield return Set("hp-rope-dimension-64", "RoPE over more dimensions than a head has", "llama.rope.dimension_count", 64u);
        yield return Set("hp-rope-freq-base-0", "RoPE frequency base 0", "llama.rope.freq_base", 0f, ended: true);
        yield return Set("hp-rope-freq-base-negative", "RoPE frequency base -10000", "llama.rope.freq_base", -10000f);
        yield return Set("hp-rope-freq-base-nan", "RoPE frequency base NaN", "llama.rope.freq_base", float.NaN);
        yield return Set("hp-rope-freq-base-inf", "RoPE frequency base infinity", "llama.rope.freq_base", float.PositiveInfinity);
        yield return Set("hp-rope-scaling-unknown", "RoPE scaling type 'bogus'", "llama.rope.scaling.type", "bogus", ended: true);
        yield return Set("hp-rope-scaling-factor-negative", "RoPE scaling factor -2", "llama.rope.scaling.factor", -2f);
        yield return Set("hp-rope-scaling-factor-nan", "RoPE scaling factor NaN", "llama.rope.scaling.factor", float.NaN);
        yield return Set("hp-rms-epsilon-negative", "RMS norm epsilon -1e-5", "llama.attention.layer_norm_rms_epsilon", -1e-5f, ended: true);
        yield return Set("hp-rms-epsilon-nan", "RMS norm epsilon NaN", "llama.attention.layer_norm_rms_epsilon", float.NaN, ended: true);
        yield return Set("hp-rms-epsilon-0", "RMS norm epsilon 0", "llama.attention.layer_norm_rms_epsilon", 0f);
        yield return Set("hp-rms-epsilon-inf", "RMS norm epsilon infinity", "llama.attention.layer_norm_rms_epsilon", float.PositiveInfinity);
        yield return Set("hp-rms-epsilon-string", "RMS norm epsilon as a string", "llama.attention.layer_norm_rms_epsilon", "1e-5");
        yield return Set("hp-expert-count-2000", "2,000 experts", "llama.expert_count", 2000u, ended: true);
        yield return Spec("hp-experts-used-more", c, "8 experts used of 4", s => s.Set("llama.expert_count", 4u).Set("llama.expert_used_count", 8u), endedLlamaCpp: true);
        yield return Set("hp-experts-used-without-experts", "2 experts used, none declared", "llama.expert_used_count", 2u);
        yield return Set("hp-experts-without-used", "8 experts, none used", "llama.expert_count", 8u);
        yield return Spec("hp-expert-groups-bad", c, "8 experts in 3 groups", s => s.Set("llama.expert_count", 8u).Set("llama.expert_used_count", 2u).Set("llama.expert_group_count", 3u));
        yield return Set("hp-vocab-size-mismatch", "vocab_size 40000 for a smaller vocabulary", "llama.vocab_size", 40_000u);
        yield return Set("hp-other-float-nan", "a NaN attention logit softcap", "llama.attn_logit_softcapping", float.NaN);
        yield return Set("hp-key-length-0", "key length 0", "llama.attention.key_length", 0u);
        yield return Set("hp-key-length-huge", "key length 2^20", "llama.attention.key_length", 1u << 20);
        yield return Set("hp-nextn-layers-more", "3 next-token layers for 2 layers", "llama.nextn_predict_layers", 3u);
    }
}
