using LlamaCode.ModelGenerator.Hostile;

namespace LlamaCode.LanguageServer.Tests.Models;

/// <summary>The hostile GGUF corpus written once into a temporary folder, with probe caches of its own.</summary>
public sealed class HostileCorpusFixture : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("llamacode-hostile-").FullName;
    public IReadOnlyDictionary<HostileCase, string> Paths { get; }

    public HostileCorpusFixture() => Paths = HostileCorpus.WriteAll(Path.Combine(Folder, "models"));

    public string PathOf(string caseName) => Paths.Single(p => p.Key.Name == caseName).Value;

    /// <summary>A fresh probe-verdict cache folder, so each test runs the real child.</summary>
    public string NewProbeCache() => Directory.CreateDirectory(Path.Combine(Folder, "probe-cache-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>The test classes that share one written corpus (about 450 MB of files, written once per run).</summary>
[CollectionDefinition(Name)]
public sealed class HostileCorpusCollection : ICollectionFixture<HostileCorpusFixture>
{
    public const string Name = "hostile corpus";
}
