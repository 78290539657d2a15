using LlamaCode.Completion.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// Loads a document's text from the workspace when Roslyn first needs it (decoded as the index decodes it; a file
/// that is gone, too large or binary loads as empty). Documents of projects no request reaches are never read.
/// </summary>
internal sealed class WorkspaceFileLoader(WorkspaceFiles files, string relativePath) : TextLoader
{
    public override Task<TextAndVersion> LoadTextAndVersionAsync(LoadTextOptions options, CancellationToken cancellationToken)
    {
        var full = files.TryResolve(relativePath);
        var text = full is not null && TextFile.TryRead(full, files.Options.MaxFileBytes, out var read) == SkipReason.None ? read : string.Empty;
        return Task.FromResult(TextAndVersion.Create(SourceText.From(text), VersionStamp.Create(), relativePath));
    }
}
