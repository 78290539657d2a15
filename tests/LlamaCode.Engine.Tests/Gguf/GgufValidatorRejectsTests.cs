using System.Text;
using LlamaCode.Engine.Gguf;
using LlamaCode.ModelGenerator.Gguf;

namespace LlamaCode.Engine.Tests.Gguf;

/// <summary>Every kind of broken file is refused with a message that names the file and the specific problem.</summary>
public sealed class GgufValidatorRejectsTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private delegate (byte[] File, string Problem) Corruption(TinyModelFixture tiny);

    private static readonly Dictionary<string, Corruption> Cases = new()
    {
        ["empty file"] = _ => ([], "empty file"),
        ["text file"] = _ => (Encoding.ASCII.GetBytes("hello world, not a model\n"), "not a GGUF file (magic 'hell')"),
        ["three bytes"] = _ => ("GGU"u8.ToArray(), "not a GGUF file (only 3 bytes)"),
        ["wrong magic"] = t => (t.Bytes.WithBytes(0, "GGML"), "not a GGUF file (magic 'GGML')"),
        ["version 1"] = t => (t.Bytes.WithUInt32(4, 1), "unsupported GGUF version 1 (supported: 2, 3)"),
        ["version 4"] = t => (t.Bytes.WithUInt32(4, 4), "unsupported GGUF version 4"),
        ["big-endian"] = t => (t.Bytes.WithUInt32(4, 0x03000000), "big-endian files are not supported"),
        ["truncated in header"] = t => (t.Bytes[..10], "truncated: tensor count needs 8 bytes at byte 8 but only 2 remain"),
        ["2^60 tensors"] = t => (t.Bytes.WithUInt64(8, 1UL << 60), "header claims 1152921504606846976 tensors (limit 16384)"),
        ["2^60 metadata entries"] = t => (t.Bytes.WithUInt64(16, 1UL << 60), "header claims 1152921504606846976 metadata entries"),
        ["counts too large for the file"] = t => (t.Bytes[..4096].WithUInt64(8, 10_000), "truncated: header claims 10000 tensors"),
        ["absurd string length"] = t => (t.Bytes.WithUInt64(GgufBytes.After(t.Bytes, "general.name") + 4, 1UL << 62),
            "truncated: value of metadata 'general.name' claims 4611686018427387904 bytes"),
        ["absurd key length"] = t => (t.Bytes.WithUInt64(24, ulong.MaxValue), "truncated: key of metadata entry #0 claims 18446744073709551615 bytes"),
        ["absurd array length"] = t => (t.Bytes.WithUInt64(GgufBytes.After(t.Bytes, "tokenizer.ggml.tokens") + 8, 1UL << 62),
            "truncated: metadata array 'tokenizer.ggml.tokens' claims 4611686018427387904 elements"),
        ["truncated inside a metadata string"] = t =>
        {
            int eot = t.Vocabulary.EotId;
            int at = GgufBytes.StringAt(t.Bytes, t.Vocabulary.Tokens[eot]);
            return (t.Bytes[..(at + 8 + 2)], $"truncated: element {eot} of metadata array 'tokenizer.ggml.tokens' claims");
        },
        ["unknown value type"] = t => (t.Bytes.WithUInt32(GgufBytes.After(t.Bytes, "general.name"), 13), "type of metadata 'general.name' is unknown value type 13"),
        ["array of arrays"] = t => (t.Bytes.WithUInt32(GgufBytes.After(t.Bytes, "tokenizer.ggml.scores") + 4, 9), "metadata 'tokenizer.ggml.scores' is an array of arrays"),
        ["truncated inside tensor infos"] = t => (t.Bytes[..(GgufBytes.TensorInfo(t.Bytes, "blk.0.attn_q.weight").NDims + 2)],
            "truncated: dimension count of tensor 'blk.0.attn_q.weight' needs 4 bytes"),
        ["five dimensions"] = t => (t.Bytes.WithUInt32(GgufBytes.TensorInfo(t.Bytes, "blk.0.attn_q.weight").NDims, 5),
            "tensor 'blk.0.attn_q.weight' has 5 dimensions (ggml allows at most 4)"),
        ["zero dimension"] = t => (t.Bytes.WithUInt64(GgufBytes.TensorInfo(t.Bytes, "blk.0.attn_q.weight").Dims + 8, 0),
            "tensor 'blk.0.attn_q.weight' has invalid dimension 1 of 0 elements"),
        ["absurd dimensions"] = t =>
        {
            var info = GgufBytes.TensorInfo(t.Bytes, "blk.0.attn_q.weight");
            return (t.Bytes.WithUInt64(info.Dims, 1L << 40).WithUInt64(info.Dims + 8, 1L << 40), "tensor 'blk.0.attn_q.weight' with shape [1099511627776, 1099511627776] has too many elements");
        },
        ["dimension over int64"] = t => (t.Bytes.WithUInt64(GgufBytes.TensorInfo(t.Bytes, "blk.0.attn_q.weight").Dims, ulong.MaxValue),
            "tensor 'blk.0.attn_q.weight' has invalid dimension 0 of 18446744073709551615 elements"),
        ["unknown ggml type"] = t => (t.Bytes.WithUInt32(GgufBytes.TensorInfo(t.Bytes, "blk.0.attn_q.weight").Type, 99), "tensor 'blk.0.attn_q.weight' has unknown ggml type 99"),
        ["removed ggml type"] = t => (t.Bytes.WithUInt32(GgufBytes.TensorInfo(t.Bytes, "blk.0.attn_q.weight").Type, 4), "unknown ggml type 4"),
        ["row not a multiple of the block"] = t => (t.Bytes.WithUInt32(GgufBytes.TensorInfo(t.Bytes, "output_norm.weight").Type, (uint)GgmlType.Q4_K),
            "tensor 'output_norm.weight' of type Q4_K has rows of 128 elements, not a multiple of the block size 256"),
        ["duplicate tensor"] = t => (t.Bytes.WithBytes(GgufBytes.StringAt(t.Bytes, "blk.0.attn_k.weight") + 8, "blk.0.attn_q.weight"), "duplicate tensor 'blk.0.attn_q.weight'"),
        ["misaligned offset"] = t =>
        {
            int at = GgufBytes.TensorInfo(t.Bytes, "blk.1.attn_v.weight").Offset;
            ulong offset = t.Bytes.ReadUInt64(at) + 1;
            return (t.Bytes.WithUInt64(at, offset), $"tensor 'blk.1.attn_v.weight' has data offset {offset}, not a multiple of the alignment 32");
        },
        ["offset past the end"] = t =>
        {
            ulong offset = (ulong)t.Bytes.Length / 32 * 32 + 32;
            var last = t.Summary.Tensors[^1];
            ulong end = (ulong)t.Summary.DataSectionOffset + offset + (ulong)last.SizeBytes;
            return (t.Bytes.WithUInt64(GgufBytes.TensorInfo(t.Bytes, last.Name).Offset, offset),
                $"truncated: tensor '{last.Name}' data ends at byte {end} but the file has {t.Bytes.Length} bytes");
        },
        ["offset near 2^64"] = t => (t.Bytes.WithUInt64(GgufBytes.TensorInfo(t.Bytes, "output.weight").Offset, ulong.MaxValue - 31),
            "truncated: tensor 'output.weight' data ends at byte"),
        ["offset out of order"] = t =>
        {
            var second = t.Summary.Tensors[1];
            return (t.Bytes.WithUInt64(GgufBytes.TensorInfo(t.Bytes, second.Name).Offset, 0),
                $"tensor '{second.Name}' has data offset 0 but llama.cpp expects {second.DataOffset}");
        },
        ["truncated inside tensor data"] = t =>
        {
            var last = t.Summary.Tensors[^1];
            int cut = (int)(last.FileOffset + last.SizeBytes / 2);
            return (t.Bytes[..cut], $"truncated: tensor '{last.Name}' data ends at byte {last.FileOffset + last.SizeBytes} but the file has {cut} bytes");
        },
        ["truncated right after the tensor infos"] = t =>
        {
            var first = t.Summary.Tensors[0];
            int cut = (int)t.Summary.DataSectionOffset;
            return (t.Bytes[..cut], $"truncated: tensor '{first.Name}' data ends at byte {first.FileOffset + first.SizeBytes} but the file has {cut} bytes");
        },
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Broken_file_is_refused_naming_the_file_and_the_problem(string caseName)
    {
        var (bytes, problem) = Cases[caseName](tiny);
        string path = _temp.File("model.gguf");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidModelFileException>(() => GgufValidator.Validate(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        string path = _temp.File("absent.gguf");
        var error = Assert.Throws<InvalidModelFileException>(() => GgufValidator.Validate(path));
        Assert.Equal($"{path}: file not found", error.Message);
    }

    [Fact]
    public void Directory_is_refused()
    {
        var error = Assert.Throws<InvalidModelFileException>(() => GgufValidator.Validate(_temp.Path));
        Assert.Equal($"{_temp.Path}: is a directory, not a model file", error.Message);
    }

    [Theory]
    [InlineData(48u, "alignment 48 is not a power of two")]
    [InlineData(0u, "alignment 0 is not a power of two")]
    public void Alignment_that_is_not_a_power_of_two_is_refused(uint alignment, string problem)
    {
        string path = _temp.File("aligned.gguf");
        using (var file = File.Create(path))
        using (var writer = new GgufWriter(file, alignment: 64))
        {
            writer.WriteHeader();
            writer.Finish();
        }
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.WithUInt32(GgufBytes.After(bytes, GgufFormat.AlignmentKey) + 4, alignment));

        var error = Assert.Throws<InvalidModelFileException>(() => GgufValidator.Validate(path));

        Assert.Equal($"{path}: {problem}", error.Message);
    }

    [Fact]
    public void The_unmodified_file_is_accepted()
    {
        // Guards the cases above: each fails for its corruption, not because the base file was already bad.
        string path = _temp.File("model.gguf");
        File.WriteAllBytes(path, tiny.Bytes);
        Assert.Equal(tiny.Summary.Tensors.Count, GgufValidator.Validate(path).Tensors.Count);
    }
}
