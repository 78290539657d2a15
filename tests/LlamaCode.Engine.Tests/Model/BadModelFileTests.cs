using System.Text;
using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Model;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Model;

/// <summary>
/// Loading a bad file gives <see cref="InvalidModelFileException"/> naming the file, never a crash inside llama.cpp:
/// each case runs in this test process, and a good model still loads after all of them.
/// </summary>
[Collection(TinyModelCollection.Name)]
public class BadModelFileTests(TinyModel tiny) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llamacode-bad-models-").FullName;

    public static TheoryData<string, string> Cases() => new()
    {
        { "missing", "file not found" },
        { "empty", "empty file, not a GGUF model" },
        { "text", "not a GGUF file (magic 'this')" },
        { "wrong-magic", "not a GGUF file (magic 'GGML')" },
        { "truncated-header", "truncated" },
        { "truncated-half", "truncated" },
        { "truncated-last-byte", "truncated: tensor 'blk.1.ffn_down.weight' data ends at byte" },
        { "absurd-tensor-count", "header claims 1152921504606846976 tensors" },
        { "absurd-kv-count", "header claims 1152921504606846976 metadata entries" },
        { "directory", "is a directory" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_model_file_gives_a_clear_error(string kind, string expectedProblem)
    {
        var path = Make(kind);
        var error = Assert.Throws<InvalidModelFileException>(() => LlamaModel.Load(path));
        Assert.Contains(Path.GetFileName(path), error.Message);
        Assert.Contains(expectedProblem, error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem));

        // The process is alive and llama.cpp still works.
        Assert.NotEmpty(tiny.Model.Tokenize("still alive"));
    }

    private string Make(string kind)
    {
        var path = Path.Combine(_dir, kind + ".gguf");
        var good = File.ReadAllBytes(DevModels.GetOrCreate(DevModelSize.Tiny));
        switch (kind)
        {
            case "missing": break;
            case "empty": File.WriteAllBytes(path, []); break;
            case "text": File.WriteAllText(path, "this is not a model\n" + new string('x', 4096)); break;
            case "wrong-magic": Write(path, good, b => Encoding.ASCII.GetBytes("GGML").CopyTo(b, 0)); break;
            case "truncated-header": File.WriteAllBytes(path, good[..10]); break;
            case "truncated-half": File.WriteAllBytes(path, good[..(good.Length / 2)]); break;
            case "truncated-last-byte": File.WriteAllBytes(path, good[..^1]); break;
            case "absurd-tensor-count": Write(path, good, b => BitConverter.GetBytes(1UL << 60).CopyTo(b, 8)); break;
            case "absurd-kv-count": Write(path, good, b => BitConverter.GetBytes(1UL << 60).CopyTo(b, 16)); break;
            case "directory": Directory.CreateDirectory(path); break;
            default: throw new ArgumentException(kind);
        }
        return path;
    }

    private static void Write(string path, byte[] good, Action<byte[]> corrupt)
    {
        var copy = (byte[])good.Clone();
        corrupt(copy);
        File.WriteAllBytes(path, copy);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
