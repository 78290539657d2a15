using System.Buffers.Binary;
using LlamaCode.Engine.Gguf;
using LlamaCode.ModelGenerator.Gguf;

namespace LlamaCode.Engine.Tests.Gguf;

public sealed class GgufWriterRoundTripTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, Action<GgufWriter, string>, object> Scalars => new()
    {
        { "uint8", (w, k) => w.AddUInt8(k, 200), (byte)200 },
        { "int8", (w, k) => w.AddInt8(k, -100), (sbyte)-100 },
        { "uint16", (w, k) => w.AddUInt16(k, 60000), (ushort)60000 },
        { "int16", (w, k) => w.AddInt16(k, -30000), (short)-30000 },
        { "uint32", (w, k) => w.AddUInt32(k, 4_000_000_000), 4_000_000_000u },
        { "int32", (w, k) => w.AddInt32(k, -2_000_000_000), -2_000_000_000 },
        { "uint64", (w, k) => w.AddUInt64(k, ulong.MaxValue), ulong.MaxValue },
        { "int64", (w, k) => w.AddInt64(k, long.MinValue), long.MinValue },
        { "float32", (w, k) => w.AddFloat32(k, 1e6f), 1e6f },
        { "float64", (w, k) => w.AddFloat64(k, Math.PI), Math.PI },
        { "bool true", (w, k) => w.AddBool(k, true), true },
        { "bool false", (w, k) => w.AddBool(k, false), false },
        { "string", (w, k) => w.AddString(k, "Code Llama ▁<PRE> ✓"), "Code Llama ▁<PRE> ✓" },
        { "empty string", (w, k) => w.AddString(k, ""), "" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalar_metadata_reads_back_with_its_type_and_value(string key, Action<GgufWriter, string> add, object expected)
    {
        string path = Write(w => add(w, key));

        var summary = GgufValidator.Validate(path);

        Assert.Equal(expected.GetType(), summary.Metadata[key].GetType());
        Assert.Equal(expected, summary.Metadata[key]);
    }

    [Fact]
    public void Arrays_are_summarized_by_element_type_and_count()
    {
        string path = Write(w =>
        {
            w.AddArray("strings", ["a", "", "▁public"]);
            w.AddArray("floats", [1f, 2f]);
            w.AddArray("ints", Array.Empty<int>());
            w.AddArray("uints", [1u, 2u, 3u, 4u]);
            w.AddString("after", "still readable");
        });

        var metadata = GgufValidator.Validate(path).Metadata;

        Assert.Equal(new GgufArray(GgufValueType.String, 3), metadata["strings"]);
        Assert.Equal(new GgufArray(GgufValueType.Float32, 2), metadata["floats"]);
        Assert.Equal(new GgufArray(GgufValueType.Int32, 0), metadata["ints"]);
        Assert.Equal(new GgufArray(GgufValueType.UInt32, 4), metadata["uints"]);
        Assert.Equal("still readable", metadata["after"]);
    }

    [Fact]
    public void Header_fields_are_as_written()
    {
        string path = Write(w => w.AddString("general.architecture", "llama"));

        var summary = GgufValidator.Validate(path);

        Assert.Equal(3u, summary.Version);
        Assert.Equal(32u, summary.Alignment);
        Assert.Equal("llama", summary.Architecture);
        Assert.Empty(summary.Tensors);
        Assert.Equal(new FileInfo(path).Length, summary.FileSize);
    }

    [Theory]
    [InlineData(GgmlType.F32, 1e-7)]
    [InlineData(GgmlType.F16, 1e-3)]
    [InlineData(GgmlType.Q8_0, 2e-2)]
    public void Tensor_data_reads_back_at_the_reported_offset(GgmlType type, double tolerance)
    {
        float[] first = Ramp(64 * 3, scale: 0.5f);
        float[] second = Ramp(32, scale: -2f);
        string path = Write(w =>
        {
            w.AddTensorInfo("first", type, 64, 3);
            w.AddTensorInfo("second", type, 32);
        }, w =>
        {
            w.WriteTensorData(first.AsSpan(0, 64)); // in chunks
            w.WriteTensorData(first.AsSpan(64));
            w.WriteTensorData(second);
        });

        var summary = GgufValidator.Validate(path);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.Equal(["first", "second"], summary.Tensors.Select(t => t.Name));
        var t0 = summary.Tensor("first");
        Assert.Equal(type, t0.Type);
        Assert.Equal([64L, 3L], t0.Shape);
        Assert.Equal(192, t0.ElementCount);
        Assert.Equal(GgmlTypes.GetLayout(type).ByteCount(192), t0.SizeBytes);
        Assert.All(summary.Tensors, t => Assert.Equal(0, t.FileOffset % 32));
        AssertDecodes(type, bytes.AsSpan((int)t0.FileOffset, (int)t0.SizeBytes), first, tolerance);
        var t1 = summary.Tensor("second");
        AssertDecodes(type, bytes.AsSpan((int)t1.FileOffset, (int)t1.SizeBytes), second, tolerance);
    }

    [Fact]
    public void Non_default_alignment_is_written_as_general_alignment_and_respected()
    {
        string path = Write(w =>
        {
            w.AddTensorInfo("a", GgmlType.F32, 3);
            w.AddTensorInfo("b", GgmlType.F32, 5);
        }, w =>
        {
            w.WriteTensorData(new float[3]);
            w.WriteTensorData(new float[5]);
        }, alignment: 64);

        var summary = GgufValidator.Validate(path);

        Assert.Equal(64u, summary.Alignment);
        Assert.Equal(64u, summary.Metadata["general.alignment"]);
        Assert.Equal(0, summary.DataSectionOffset % 64);
        Assert.Equal(64, summary.Tensor("b").DataOffset);
    }

    [Fact]
    public void Writer_refuses_what_would_make_an_invalid_file()
    {
        using var w = new GgufWriter(new MemoryStream());
        w.AddString("k", "v");
        Assert.Throws<ArgumentException>(() => w.AddString("k", "again"));
        Assert.Throws<ArgumentException>(() => w.AddTensorInfo("q", GgmlType.Q8_0, 31));
        Assert.Throws<ArgumentException>(() => w.AddTensorInfo("zero", GgmlType.F32, 4, 0));
        Assert.Throws<ArgumentException>(() => w.AddTensorInfo(new string('n', 64), GgmlType.F32, 4));
        w.AddTensorInfo("t", GgmlType.F32, 4);
        Assert.Throws<ArgumentException>(() => w.AddTensorInfo("t", GgmlType.F32, 4));
        w.WriteHeader();
        Assert.Throws<InvalidOperationException>(() => w.AddString("late", "v"));
        Assert.Throws<InvalidOperationException>(() => w.WriteTensorData(new float[5]));
        w.WriteTensorData(new float[2]);
        Assert.Throws<InvalidOperationException>(() => w.Finish());
    }

    private string Write(Action<GgufWriter> declare, Action<GgufWriter>? data = null, uint alignment = 32)
    {
        string path = _temp.File("model.gguf");
        using var file = File.Create(path);
        using var writer = new GgufWriter(file, alignment);
        declare(writer);
        writer.WriteHeader();
        data?.Invoke(writer);
        writer.Finish();
        return path;
    }

    private static float[] Ramp(int n, float scale) => Enumerable.Range(0, n).Select(i => scale * MathF.Sin(i)).ToArray();

    private static void AssertDecodes(GgmlType type, ReadOnlySpan<byte> bytes, float[] expected, double tolerance)
    {
        float[] actual = new float[expected.Length];
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i] = type switch
            {
                GgmlType.F32 => BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]),
                GgmlType.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]),
                GgmlType.Q8_0 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i / 32 * 34)..])
                                 * (sbyte)bytes[i / 32 * 34 + 2 + i % 32],
                _ => throw new NotSupportedException(),
            };
        }
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"value {i}: expected {expected[i]}, read {actual[i]}");
    }
}
