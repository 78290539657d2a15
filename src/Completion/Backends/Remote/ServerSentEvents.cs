namespace LlamaCode.Completion.Backends.Remote;

/// <summary>The data of a server-sent-events line ("data: {...}"), the only kind of line our servers send events on.</summary>
internal static class ServerSentEvents
{
    /// <summary>The payload of a "data:" line, or null for any other line.</summary>
    public static string? Data(string line) =>
        line.StartsWith("data:", StringComparison.Ordinal) ? line[5..].TrimStart() : null;

    /// <summary>llama-server reports an error inside a stream as an "error:" line.</summary>
    public static string? ErrorData(string line) =>
        line.StartsWith("error:", StringComparison.Ordinal) ? line[6..].TrimStart() : null;
}
