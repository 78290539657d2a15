using System.Text.Json;
using LlamaCode.LanguageServer.Protocol;
using StreamJsonRpc;

namespace LlamaCode.LanguageServer.Server;

/// <summary>What the server sends the client unasked: messages, logs and work-done progress.</summary>
public interface IClientChannel
{
    bool SupportsWorkDoneProgress { get; set; }
    Task LogAsync(int type, string message);
    Task ShowAsync(int type, string message);
    /// <summary>
    /// Begins a work-done progress, on <paramref name="clientToken"/> when the client sent one with its request, else on a
    /// token the server creates; null when the client supports neither (or refused the token).
    /// </summary>
    Task<IWorkDoneProgress?> BeginProgressAsync(string title, string message, JsonElement? clientToken = null);
}

public interface IWorkDoneProgress
{
    Task ReportAsync(string message);
    Task EndAsync(string message);
}

/// <summary>The client at the other end of the JSON-RPC connection.</summary>
public sealed class ClientChannel(JsonRpc rpc) : IClientChannel
{
    public bool SupportsWorkDoneProgress { get; set; }

    public Task LogAsync(int type, string message) => Notify("window/logMessage", new LogMessageParams(type, message));

    public Task ShowAsync(int type, string message) => Notify("window/showMessage", new ShowMessageParams(type, message));

    public async Task<IWorkDoneProgress?> BeginProgressAsync(string title, string message, JsonElement? clientToken = null)
    {
        JsonElement token;
        if (clientToken is { ValueKind: JsonValueKind.String or JsonValueKind.Number } given) token = given;
        else if (!SupportsWorkDoneProgress) return null;
        else
        {
            token = JsonSerializer.SerializeToElement($"llamacode/{Guid.NewGuid():N}");
            try
            {
                await rpc.InvokeWithParameterObjectAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RemoteRpcException or ConnectionLostException or ObjectDisposedException)
            {
                return null;
            }
        }
        var progress = new Progress(this, token);
        await progress.SendAsync(new { kind = "begin", title, message, cancellable = false }).ConfigureAwait(false);
        return progress;
    }

    private async Task Notify(string method, object parameters)
    {
        try { await rpc.NotifyWithParameterObjectAsync(method, parameters).ConfigureAwait(false); }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException) { /* the client is gone */ }
    }

    private sealed class Progress(ClientChannel channel, JsonElement token) : IWorkDoneProgress
    {
        public Task ReportAsync(string message) => SendAsync(new { kind = "report", message });
        public Task EndAsync(string message) => SendAsync(new { kind = "end", message });

        internal Task SendAsync(object value) =>
            channel.Notify("$/progress", new ProgressParams(token, value));
    }
}
