using LlamaCode.Engine.Gguf;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Gguf;

/// <summary>One generated tiny dev model per test class: its bytes, its summary and its vocabulary.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TinyModelFixture()
    {
        Path = _temp.File("tiny.gguf");
        DevModelGenerator.Write(Path, DevModelSize.Tiny);
        Bytes = File.ReadAllBytes(Path);
        Summary = GgufValidator.Validate(Path);
        Vocabulary = DevVocabulary.Build(DevModelShape.For(DevModelSize.Tiny).VocabularySize);
    }

    public string Path { get; }
    public byte[] Bytes { get; }
    public GgufSummary Summary { get; }
    public DevVocabulary Vocabulary { get; }

    public void Dispose() => _temp.Dispose();
}
