using LlamaCode.ModelGenerator;

namespace LlamaCode.DevTools.Cli;

/// <summary>The model of a benchmark: the one the user named, or a generated one.</summary>
internal static class DemoModel
{
    /// <summary>
    /// The model the user named, or the generated demo model of <paramref name="size"/> (made once and cached). The
    /// product's commands never do this (a random-weight model's output is noise): they require --model.
    /// </summary>
    public static string Resolve(FileInfo? model, DevModelSize size, TextWriter log)
    {
        if (model != null) return model.FullName;
        var path = DevModels.GetOrCreate(size);
        log.WriteLine($"no --model given: using the generated {size.ToString().ToLowerInvariant()} demo model {path} (random weights: its output is noise)");
        return path;
    }
}
