using LlamaCode.Engine.Gguf;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Gguf;

/// <summary>Metadata strings over 1 MiB are skipped, not read into memory: a file may claim up to 1 GB for each.</summary>
public sealed class GgufLongStringTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"llamacode-long-string-{Guid.NewGuid():N}.gguf");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData(1 << 20, false)]        // up to 1 MiB: kept
    [InlineData((1 << 20) + 1, true)]   // longer: only its length
    public void A_long_string_is_kept_only_as_its_length(int bytes, bool skipped)
    {
        DevModelGenerator.DescribeTiny().Set("general.description", new string('x', bytes)).Write(_path);

        var value = GgufValidator.Validate(_path).Metadata["general.description"];

        if (skipped) Assert.Equal(new GgufLongString((ulong)bytes), value);
        else Assert.Equal(bytes, Assert.IsType<string>(value).Length);
    }
}
