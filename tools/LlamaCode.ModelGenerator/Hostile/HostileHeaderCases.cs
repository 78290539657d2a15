using System.Text;
using static LlamaCode.ModelGenerator.Hostile.HostileCorpus;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>The fixed header: magic, version, tensor and metadata counts.</summary>
internal static class HostileHeaderCases
{
    private const int Version = 4, TensorCount = 8, KvCount = 16;

    public static IEnumerable<HostileCase> All()
    {
        const HostileClass c = HostileClass.Header;
        yield return new("header-empty", c, "an empty file", path => File.WriteAllBytes(path, []));
        yield return new("header-3-bytes", c, "three bytes of the magic", path => File.WriteAllBytes(path, "GGU"u8.ToArray()));
        yield return new("header-text", c, "a text file", path => File.WriteAllText(path, "this is not a model\n" + new string('x', 4096)));
        yield return new("header-zeros", c, "a megabyte of zeros", path => File.WriteAllBytes(path, new byte[1 << 20]));
        yield return Bytes("header-magic-ggml", c, "the old GGML magic", i => i.SetAscii(0, "GGML"));
        yield return Bytes("header-magic-lowercase", c, "magic 'gguf'", i => i.SetAscii(0, "gguf"));
        foreach (uint v in new uint[] { 0, 1, 4, uint.MaxValue, 0x03000000 })
            yield return Bytes($"header-version-{v:x}", c, $"version 0x{v:X}", i => i.SetUInt32(Version, v));
        foreach (var (label, n) in new (string, ulong)[] { ("2e60", 1UL << 60), ("2e32", 1UL << 32), ("100k", 100_000), ("max", ulong.MaxValue) })
            yield return Bytes($"header-tensor-count-{label}", c, $"a tensor count of {n}", i => i.SetUInt64(TensorCount, n));
        foreach (var (label, n) in new (string, ulong)[] { ("2e60", 1UL << 60), ("2e32", 1UL << 32), ("0", 0), ("max", ulong.MaxValue) })
            yield return Bytes($"header-kv-count-{label}", c, $"a metadata count of {n}", i => i.SetUInt64(KvCount, n));
        yield return Bytes("header-tensor-count-too-few", c, "one tensor fewer than the infos", i => i.SetUInt64(TensorCount, i.UInt64(TensorCount) - 1));
        yield return Bytes("header-truncated-10", c, "cut after 10 bytes", i => i.Truncate(10));
        yield return Bytes("header-truncated-24", c, "the header and nothing else", i => i.Truncate(24));
    }
}
