using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Model.Checks;

/// <summary>
/// The architecture's hyper-parameters, checked against the bounds llama.cpp asserts (an assert ends the process) and
/// against what makes its arithmetic meaningless (a zero, negative or non-finite epsilon or RoPE base gives NaN logits).
/// </summary>
internal static class HyperParameterCheck
{
    public const long MaxLayers = 512;          // LLAMA_MAX_LAYERS
    public const long MaxExperts = 1024;        // LLAMA_MAX_EXPERTS
    public const long MaxContextLength = 1 << 24;
    public const long MaxEmbeddingLength = 1 << 16;
    public const long MaxFeedForwardLength = 1 << 20;
    public const long MaxHeads = 1 << 12;
    public const long MaxHeadLength = 1 << 12;

    /// <summary>The RoPE scaling types llama.cpp knows; any other asserts.</summary>
    public static readonly IReadOnlySet<string> RopeScalingTypes = new HashSet<string> { "none", "linear", "yarn", "longrope" };

    public static void Check(ModelMetadata m)
    {
        long layers = m.RequiredInteger(m.Key("block_count"), 1, MaxLayers);
        m.RequiredInteger(m.Key("context_length"), 1, MaxContextLength);
        long embedding = m.RequiredInteger(m.Key("embedding_length"), 1, MaxEmbeddingLength);
        m.PerLayer(m.Key("feed_forward_length"), layers, 0, MaxFeedForwardLength);
        if (m.OptionalInteger(m.Key("nextn_predict_layers"), 0, layers) is { } nextn && nextn > layers)
            throw new ModelCheckFailure($"{m.Key("nextn_predict_layers")} is more than the {layers} layers");

        CheckHeads(m, layers, embedding);
        CheckExperts(m, layers);
        CheckRope(m);
        CheckFloats(m);
    }

    private static void CheckHeads(ModelMetadata m, long layers, long embedding)
    {
        var heads = m.PerLayer(m.Key("attention.head_count"), layers, 0, MaxHeads);
        var headsKv = m.PerLayer(m.Key("attention.head_count_kv"), layers, 0, MaxHeads);
        long? keyLength = m.OptionalInteger(m.Key("attention.key_length"), 1, MaxHeadLength);
        m.OptionalInteger(m.Key("attention.value_length"), 1, MaxHeadLength);
        if (heads is null) return;
        for (int layer = 0; layer < layers; layer++)
        {
            long h = heads[layer], kv = headsKv?[layer] ?? h;
            if (kv > h)
                throw new ModelCheckFailure($"layer {layer} has {kv} key/value heads but only {h} attention heads");
            if (kv > 0 && h % kv != 0)
                throw new ModelCheckFailure($"layer {layer}: {kv} key/value heads do not divide {h} attention heads");
        }
        long first = heads[0];
        if (first > 0 && keyLength is null && embedding % first != 0)
            throw new ModelCheckFailure($"{m.Key("embedding_length")} {embedding} does not split into {first} heads");
        long headLength = keyLength ?? (first > 0 ? embedding / first : 0);
        if (m.OptionalInteger(m.Key("rope.dimension_count"), 0, MaxHeadLength) is { } rotated && headLength > 0 && rotated > headLength)
            throw new ModelCheckFailure($"{m.Key("rope.dimension_count")} {rotated} is more than the head length {headLength}");
    }

    private static void CheckExperts(ModelMetadata m, long layers)
    {
        long experts = m.OptionalInteger(m.Key("expert_count"), 0, MaxExperts) ?? 0;
        long used = m.PerLayer(m.Key("expert_used_count"), layers, 0, MaxExperts)?.Max() ?? 0;
        long groups = m.OptionalInteger(m.Key("expert_group_count"), 0, MaxExperts) ?? 0;
        long groupsUsed = m.OptionalInteger(m.Key("expert_group_used_count"), 0, MaxExperts) ?? 0;
        if (used > experts)
            throw new ModelCheckFailure($"{m.Key("expert_used_count")} {used} is more than {m.Key("expert_count")} {experts}");
        if (experts > 0 && used == 0)
            throw new ModelCheckFailure($"has {experts} experts but uses none ({m.Key("expert_used_count")} is 0 or missing)");
        if (experts == 0 && groups > 0)
            throw new ModelCheckFailure($"has expert groups but no experts");
        if (experts > 0 && groups >= experts)
            throw new ModelCheckFailure($"{m.Key("expert_group_count")} {groups} is not less than the {experts} experts");
        if (groups > 1 && (experts % groups != 0 || groupsUsed == 0 || groupsUsed >= groups))
            throw new ModelCheckFailure($"{experts} experts in {groups} groups with {groupsUsed} used is not a valid grouping");
    }

    private static void CheckRope(ModelMetadata m)
    {
        if (m.String(m.Key("rope.scaling.type")) is { } scaling && !RopeScalingTypes.Contains(scaling))
            throw new ModelCheckFailure($"{m.Key("rope.scaling.type")} '{scaling}' is not one of {string.Join(", ", RopeScalingTypes)}");
        Positive(m, m.Key("rope.freq_base"));
        Positive(m, m.Key("rope.freq_base_swa"));
        if (m.Float(m.Key("rope.scaling.factor")) is { } factor && factor < 0)
            throw new ModelCheckFailure($"{m.Key("rope.scaling.factor")} is negative ({m.Text(m.Key("rope.scaling.factor"))})");
    }

    private static void CheckFloats(ModelMetadata m)
    {
        Positive(m, m.Key("attention.layer_norm_rms_epsilon"));
        Positive(m, m.Key("attention.layer_norm_epsilon"));
        // No hyper-parameter has a use for NaN or infinity.
        string prefix = m.Architecture + ".";
        foreach (var (key, value) in m.Summary.Metadata)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (value is float or double && !double.IsFinite(m.Float(key)!.Value))
                throw new ModelCheckFailure($"{key} is {m.Text(key)}, not a finite number");
            if (value is GgufArray { ElementType: GgufValueType.Float32 or GgufValueType.Float64 } && m.Summary.ArrayValues.TryGetValue(key, out var values))
                foreach (var v in values)
                    if (!double.IsFinite(Convert.ToDouble(v)))
                        throw new ModelCheckFailure($"{key} holds {v}, not a finite number");
        }
    }

    private static void Positive(ModelMetadata m, string key)
    {
        if (m.Float(key) is { } value && !(value > 0 && double.IsFinite(value)))
            throw new ModelCheckFailure($"{key} is {m.Text(key)}, but must be a positive finite number");
    }
}
