using LlamaCode.Completion.CSharp;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Context;

/// <summary>
/// Everything that finds context in one workspace folder: the C# workspace (Roslyn) and its symbol context, kept
/// up to date from editor events. The completion server, <c>llamacode prompt</c> and the benchmarks build it the same way.
/// </summary>
public sealed class WorkspaceContext : IAsyncDisposable
{
    /// <summary>The context sources by name; "ours" is what completion uses.</summary>
    public static readonly IReadOnlyList<string> SourceNames = ["symbols"];

    private WorkspaceContext(WorkspaceFiles files, CSharpWorkspace csharp)
    {
        Files = files;
        CSharp = csharp;
        Symbols = new CSharpSymbolContext(csharp);
    }

    public WorkspaceFiles Files { get; }
    public CSharpWorkspace CSharp { get; }
    public CSharpSymbolContext Symbols { get; }

    public static async Task<WorkspaceContext> LoadAsync(WorkspaceFiles files, TextWriter? log, CancellationToken cancellationToken)
    {
        var progress = log is null ? null : new Progress<CSharpLoadProgress>(p => log.WriteLine($"C#: {p.Stage} {p.Done}/{p.Total}"));
        var csharp = await CSharpWorkspace.LoadAsync(files, progress, cancellationToken).ConfigureAwait(false);
        await csharp.WarmUpAsync(progress, cancellationToken).ConfigureAwait(false);
        return new WorkspaceContext(files, csharp);
    }

    public string Describe() => $"{CSharp.Solution.Projects.Count()} C# projects, {CSharp.DocumentCount} C# documents";

    public IContextSource Source(string name) => name switch
    {
        "symbols" => new SymbolContextSource(Symbols),
        _ => throw new ArgumentException($"unknown context source '{name}'", nameof(name)),
    };

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
