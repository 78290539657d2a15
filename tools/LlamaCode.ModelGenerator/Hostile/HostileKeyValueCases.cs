using static LlamaCode.ModelGenerator.Hostile.HostileCorpus;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>Metadata entries: keys, value types, arrays, strings, and the keys every model needs.</summary>
internal static class HostileKeyValueCases
{
    private const int FirstKeyLength = 24;

    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.KeyValue;
        yield return Bytes("kv-key-length-huge", c, "the first key claims 2^40 bytes", i => i.SetUInt64(FirstKeyLength, 1UL << 40));
        yield return Bytes("kv-key-length-zero", c, "the first key is empty", i => i.SetUInt64(FirstKeyLength, 0));
        yield return Bytes("kv-duplicate-key", c, "eos_token_id renamed to bos_token_id", i => i.Rename("tokenizer.ggml.eos_token_id", "tokenizer.ggml.bos_token_id"));
        yield return Bytes("kv-value-type-unknown", c, "value type 13", i => i.SetUInt32(i.After("general.name"), 13));
        yield return Bytes("kv-value-type-max", c, "value type 0xFFFFFFFF", i => i.SetUInt32(i.After("general.name"), uint.MaxValue));
        yield return Bytes("kv-array-of-arrays", c, "the token list as an array of arrays", i => i.SetUInt32(i.After("tokenizer.ggml.tokens") + 4, 9));
        yield return Bytes("kv-array-element-type-unknown", c, "array element type 20", i => i.SetUInt32(i.After("tokenizer.ggml.tokens") + 4, 20));
        yield return Bytes("kv-array-count-huge", c, "the token list claims 2^62 elements", i => i.SetUInt64(i.After("tokenizer.ggml.tokens") + 8, 1UL << 62));
        yield return Bytes("kv-array-count-plus-one", c, "the token list claims one element more", i => i.SetUInt64(i.After("tokenizer.ggml.tokens") + 8, i.UInt64(i.After("tokenizer.ggml.tokens") + 8) + 1));
        yield return Bytes("kv-string-length-huge", c, "general.name claims 2^40 bytes", i => i.SetUInt64(i.After("general.name") + 4, 1UL << 40));
        yield return Bytes("kv-string-length-past-end", c, "general.name claims more bytes than the file has", i => i.SetUInt64(i.After("general.name") + 4, (ulong)i.Bytes.Length));
        yield return Bytes("kv-truncated-in-tokens", c, "cut in the middle of the token list", i => i.Truncate(i.After("tokenizer.ggml.tokens") + 2000));
        yield return Spec("kv-no-architecture", c, "no general.architecture", s => s.Remove("general.architecture"));
        yield return Spec("kv-architecture-u32", c, "general.architecture is a number", s => s.Set("general.architecture", 7u));
        yield return Spec("kv-architecture-unknown", c, "architecture 'llama9000'", s => s.Set("general.architecture", "llama9000"));
        yield return Spec("kv-architecture-empty", c, "an empty architecture", s => s.Set("general.architecture", ""));
        yield return Spec("kv-architecture-nul", c, "an architecture with a NUL inside", s => s.Set("general.architecture", "llama\0x"));
        yield return Spec("kv-architecture-long", c, "a 2 MiB architecture name", s => s.Set("general.architecture", new string('l', 2 << 20)));
        yield return Spec("kv-architecture-mismatch", c, "architecture 'qwen2' with llama keys", s => s.Set("general.architecture", "qwen2"));
        yield return Bytes("kv-alignment-zero", c, "general.alignment 0", i => Aligned64(i, a => a.SetUInt32(a.After("general.alignment") + 4, 0)));
        yield return Bytes("kv-alignment-3", c, "general.alignment 3", i => Aligned64(i, a => a.SetUInt32(a.After("general.alignment") + 4, 3)));
        yield return Bytes("kv-alignment-2e31", c, "general.alignment 2^31", i => Aligned64(i, a => a.SetUInt32(a.After("general.alignment") + 4, 1u << 31)));
        yield return Bytes("kv-alignment-u8", c, "general.alignment stored as a UINT8", i => Aligned64(i, a => a.SetUInt32(a.After("general.alignment"), 0)));
    }

    // general.alignment is written only when it differs from 32: make a 64-aligned file and patch its value.
    private static void Aligned64(GgufImage image, Action<GgufImage> patch)
    {
        var spec = Tiny();
        spec.Alignment = 64;
        var aligned = GgufImage.Of(spec);
        patch(aligned);
        image.Truncate(0).Append(aligned.Bytes.Length);
        aligned.Bytes.CopyTo(image.Bytes, 0);
    }
}
