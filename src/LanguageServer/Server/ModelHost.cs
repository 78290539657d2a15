using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.LanguageServer.Protocol;

namespace LlamaCode.LanguageServer.Server;

/// <summary>
/// Loads the configured model in the background (with work-done progress), reloads it when its settings change, and
/// tells the user once why there is none. Requests wait a bounded time for it.
/// </summary>
public sealed class ModelHost(ICompletionBackend backend, IClientChannel client, ServerLog log) : IAsyncDisposable
{
    private Task<ICompletionService?> _current = Task.FromResult<ICompletionService?>(null);
    private ModelSettings? _settings;
    private CancellationTokenSource? _loading;
    private readonly Lock _reportGate = new();
    private object? _reportedUnusable;

    /// <summary>Tells the user, once per loaded model, that it turned out unusable (non-finite logits) and why.</summary>
    public async Task ReportUnusableAsync(object service, string reason)
    {
        lock (_reportGate)
        {
            if (ReferenceEquals(_reportedUnusable, service)) return;
            _reportedUnusable = service;
        }
        log.Error($"the model is unusable: {reason}");
        await client.ShowAsync(MessageType.Error, $"LlamaCode: the model is unusable: {reason}. Set llamacode.modelPath to another model.").ConfigureAwait(false);
    }

    /// <summary>The loaded model's file name and where it runs, for llamacode/stats; null while none is loaded.</summary>
    public LoadedModel? Loaded { get; private set; }

    /// <summary>Starts loading when <paramref name="settings"/> differ from the last ones.</summary>
    public void Configure(ModelSettings settings)
    {
        if (settings == _settings) return;
        _settings = settings;
        _loading?.Cancel();
        _loading = new CancellationTokenSource();
        _current = LoadAsync(settings, _current, _loading.Token);
    }

    /// <summary>The loaded service if loading has finished, else null (never waits).</summary>
    public ICompletionService? Ready => _current is { IsCompletedSuccessfully: true } done ? done.Result : null;

    /// <summary>The loaded service, or null when there is none or it is not ready within <paramref name="wait"/>.</summary>
    public async Task<ICompletionService?> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var current = _current;
        if (!current.IsCompleted)
        {
            await Task.WhenAny(current, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!current.IsCompleted) return null;
        }
        return await current.ConfigureAwait(false);
    }

    private async Task<ICompletionService?> LoadAsync(ModelSettings settings, Task<ICompletionService?> previous, CancellationToken ct)
    {
        await Task.Yield();
        if (await previous.ConfigureAwait(false) is IAsyncDisposable old) await old.DisposeAsync().ConfigureAwait(false);
        Loaded = null;
        if (settings.Remote is { } remote) return await ConnectAsync(remote, ct).ConfigureAwait(false);
        if (settings.ModelPath is null)
        {
            log.Warn("no model configured");
            await client.ShowAsync(MessageType.Warning, "LlamaCode: no model is configured. Set llamacode.modelPath to a GGUF file, e.g. codellama-7b.Q4_K_M.gguf.").ConfigureAwait(false);
            return null;
        }

        var name = Path.GetFileName(settings.ModelPath);
        IWorkDoneProgress? progress = null;
        try
        {
            progress = await client.BeginProgressAsync("LlamaCode", $"Loading {name}").ConfigureAwait(false);
            log.Info($"loading {settings.ModelPath} (gpu layers {settings.GpuLayers}, context {settings.ContextSize})");
            var service = await backend.LoadAsync(settings, ct).ConfigureAwait(false);
            log.Info($"loaded {name}");
            Loaded = new LoadedModel(name, service is LocalCompletionService local ? $"local · {local.Backend}" : null);
            if (progress != null) await progress.EndAsync($"{name} ready").ConfigureAwait(false);
            return service;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (progress != null) await progress.EndAsync("cancelled").ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            log.Error($"could not load {settings.ModelPath}: {e.Message}");
            if (progress != null) await progress.EndAsync("failed").ConfigureAwait(false);
            await client.ShowAsync(MessageType.Error, $"LlamaCode could not load the model: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>A remote backend: an unreachable server is not a load failure (requests report it, and work once it is back).</summary>
    private async Task<ICompletionService?> ConnectAsync(RemoteSettings remote, CancellationToken ct)
    {
        try
        {
            var service = new LocalCompletionService(await RemoteGenerationBackend.ConnectAsync(remote, note => log.Info(note), ct).ConfigureAwait(false));
            // The endpoint's host and port only: a URL may carry more than the status bar should show.
            Loaded = new LoadedModel(remote.Model ?? Path.GetFileName(remote.VocabularyPath) ?? remote.Endpoint.Authority, $"{RemoteSettings.Name(remote.Api)} · {remote.Endpoint.Authority}");
            return service;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            log.Error($"could not set up the {RemoteSettings.Name(remote.Api)} backend: {e.Message}");
            await client.ShowAsync(MessageType.Error, $"LlamaCode could not set up the {RemoteSettings.Name(remote.Api)} backend: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>At exit: what the model is doing is no longer wanted, so the local engine stops at once (see <see cref="LocalCompletionService.StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        _loading?.Cancel();
        try
        {
            var current = await _current.ConfigureAwait(false);
            if (current is LocalCompletionService local) await local.StopAsync().ConfigureAwait(false);
            else if (current is IAsyncDisposable service) await service.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Warn($"disposing the model: {e.Message}");
        }
    }
}

/// <summary>A loaded model as editors show it: its file name, and the backend serving it.</summary>
public sealed record LoadedModel(string Name, string? Backend);
