using LlamaCode.Completion;
using LlamaCode.Engine.Probe;
using LlamaCode.LanguageServer.Cli;

namespace LlamaCode.LanguageServer.Server;

/// <summary>Where completion services come from: the in-process engine, or (tests) a stand-in.</summary>
public interface ICompletionBackend
{
    /// <summary>Loads a model. The service is disposed (when it is <see cref="IAsyncDisposable"/>) once replaced.</summary>
    Task<ICompletionService> LoadAsync(ModelSettings settings, CancellationToken cancellationToken);
}

/// <summary>The in-process llama.cpp engine; a file's first load is tried in a sacrificial child process first.</summary>
public sealed class LocalCompletionBackend : ICompletionBackend
{
    private readonly ModelProbe _probe = ProbeModelCommand.ForThisProcess();

    public async Task<ICompletionService> LoadAsync(ModelSettings settings, CancellationToken cancellationToken) =>
        await LocalCompletionService.LoadAsync(settings.ModelPath!,
            new LocalEngineSettings { GpuLayers = settings.GpuLayers, ContextSize = settings.ContextSize, Probe = _probe }, cancellationToken).ConfigureAwait(false);
}
