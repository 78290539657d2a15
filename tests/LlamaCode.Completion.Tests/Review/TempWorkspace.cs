namespace LlamaCode.Completion.Tests.Review;

/// <summary>A fresh workspace folder under the temp folder, deleted on dispose.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "llamacode-review-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> at the relative <paramref name="path"/>, creating folders.</summary>
    public string Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
