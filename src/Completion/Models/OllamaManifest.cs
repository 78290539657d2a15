using System.Text.Json;

namespace LlamaCode.Completion.Models;

/// <summary>
/// Ollama's manifests: models/manifests/HOST/NAMESPACE/NAME/TAG, a JSON image manifest whose layer of media type
/// application/vnd.ollama.image.model is the GGUF, stored as models/blobs/sha256-HEX. Pure: tested as a table.
/// </summary>
public static class OllamaManifest
{
    public const string ModelMediaType = "application/vnd.ollama.image.model";
    private const string DefaultRegistry = "registry.ollama.ai";
    private const string DefaultNamespace = "library";

    /// <summary>The name Ollama shows for a manifest path relative to the manifests folder (HOST/NS/NAME/TAG): "NAME:TAG" for the library.</summary>
    public static string? NameOf(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4) return null;
        var (host, space, name, tag) = (parts[0], parts[1], parts[2], parts[3]);
        var repository = host == DefaultRegistry
            ? space == DefaultNamespace ? name : $"{space}/{name}"
            : $"{host}/{space}/{name}";
        return $"{repository}:{tag}";
    }

    /// <summary>The blob file name of the model layer (sha256-HEX), or the reason the manifest has none.</summary>
    public static (string? BlobName, string? Problem) ModelBlob(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
                return (null, "has no layers");
            foreach (var layer in layers.EnumerateArray())
            {
                if (layer.ValueKind != JsonValueKind.Object ||
                    !layer.TryGetProperty("mediaType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != ModelMediaType)
                    continue;
                if (!layer.TryGetProperty("digest", out var digest) || digest.ValueKind != JsonValueKind.String)
                    return (null, "has a model layer without a digest");
                var d = digest.GetString()!;
                return d.StartsWith("sha256:", StringComparison.Ordinal) && d.Length == 71 && d[7..].All(char.IsAsciiHexDigitLower)
                    ? ("sha256-" + d[7..], null)
                    : (null, $"has a model layer whose digest '{d}' is not sha256:HEX");
            }
            return (null, "has no model layer");
        }
        catch (JsonException e)
        {
            return (null, $"is not JSON ({e.Message.Split('.')[0]})");
        }
    }
}
