using LlamaCode.Completion.Models;
using LlamaCode.LanguageServer.Protocol;

namespace LlamaCode.LanguageServer.Conversions;

/// <summary>Discovered models → the versioned list that `llamacode/models` and `llamacode models --json` give.</summary>
public static class ModelListConversion
{
    public static ModelListResult ToResult(ModelDiscoveryResult found) =>
        new(ModelListResult.CurrentVersion,
            found.Models.Select(m => new ModelEntry(m.Name, m.Path, StoreName(m.Store), m.SizeBytes, m.Architecture, m.Fim, m.Detail)).ToArray(),
            found.Notes);

    public static string StoreName(ModelStoreKind store) => store.ToString().ToLowerInvariant();
}
