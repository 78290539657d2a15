using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Model;

/// <summary>The one load path of the products: managed checks, then the first-load probe, then llama.cpp in this process.</summary>
public static class ModelLoader
{
    /// <summary>
    /// Loads <paramref name="path"/> after <see cref="ModelFileCheck"/> and, when <see cref="ModelLoadOptions.Probe"/>
    /// is set, after its child process loaded and ran the file (or a cached verdict says it did): only a file that
    /// passed is loaded into this process. Any refusal is an <see cref="InvalidModelFileException"/> with a one-line reason.
    /// </summary>
    public static async Task<LlamaModel> LoadAsync(string path, ModelLoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ModelLoadOptions();
        var fullPath = Path.GetFullPath(path);
        var summary = await Task.Run(() => ModelFileCheck.Validate(fullPath), cancellationToken).ConfigureAwait(false);
        if (options.Probe is { } probe)
        {
            var verdict = await probe.CheckAsync(fullPath, summary.DataSectionOffset, options.GpuLayers, cancellationToken).ConfigureAwait(false);
            if (!verdict.Passed) throw new InvalidModelFileException(fullPath, verdict.Problem!);
        }
        return await Task.Run(() => LlamaModel.LoadWithoutChecks(fullPath, options), cancellationToken).ConfigureAwait(false);
    }
}
