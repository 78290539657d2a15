namespace LlamaCode.LanguageServer.Protocol;

/// <summary>
/// `llamacode/models` (custom request, no parameters) and `llamacode models --json`: the GGUF files in the local model
/// stores. Version 1.
/// </summary>
public sealed record ModelListResult(int Version, IReadOnlyList<ModelEntry> Models, IReadOnlyList<string> Notes)
{
    public const int CurrentVersion = 1;
}

/// <param name="Store">ollama, lmstudio, llamacpp or huggingface.</param>
/// <param name="Fim">Whether its header names fill-in-the-middle tokens (completion needs them).</param>
/// <param name="Detail">Which FIM tokens were found, which are missing, or why the header could not be read.</param>
public sealed record ModelEntry(string Name, string Path, string Store, long SizeBytes, string? Architecture, bool Fim, string Detail);
