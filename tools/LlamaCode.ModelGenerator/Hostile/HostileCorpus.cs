using LlamaCode.Engine.Gguf;

namespace LlamaCode.ModelGenerator.Hostile;

/// <summary>
/// Hostile GGUF files made from the tiny dev model, one per way a file can be broken: header, metadata, tensor
/// infos, hyper-parameters, tokenizer, weights and sizes, plus a few valid but unusual controls. Deterministic.
/// </summary>
public static class HostileCorpus
{
    public static IReadOnlyList<HostileCase> Cases { get; } =
    [
        .. HostileHeaderCases.All(),
        .. HostileKeyValueCases.All(),
        .. HostileTensorInfoCases.All(),
        .. HostileHyperParameterCases.All(),
        .. HostileTokenizerCases.All(),
        .. HostileWeightCases.All(),
        .. HostileSizeCases.All(),
        .. HostileControlCases.All(),
    ];

    /// <summary>Writes every case (or those named) into <paramref name="folder"/>; returns the paths by case.</summary>
    public static IReadOnlyDictionary<HostileCase, string> WriteAll(string folder, Func<HostileCase, bool>? which = null)
    {
        Directory.CreateDirectory(folder);
        var paths = new Dictionary<HostileCase, string>();
        foreach (var c in Cases.Where(which ?? (_ => true)))
        {
            var path = Path.Combine(folder, c.FileName);
            c.Write(path);
            paths[c] = path;
        }
        return paths;
    }

    // Shared starting points.
    internal static GgufModelSpec Tiny() => DevModelGenerator.DescribeTiny();
    internal static GgufImage TinyImage() => GgufImage.Of(Tiny());
    internal const string LastTensor = "blk.1.ffn_down.weight";

    internal static HostileCase Spec(string name, HostileClass c, string what, Action<GgufModelSpec> change, bool endedLlamaCpp = false) =>
        new(name, c, what, path =>
        {
            var spec = Tiny();
            change(spec);
            spec.Write(path);
        }, EndedLlamaCpp: endedLlamaCpp);

    internal static HostileCase Bytes(string name, HostileClass c, string what, Action<GgufImage> change) =>
        new(name, c, what, path =>
        {
            var image = TinyImage();
            change(image);
            image.Write(path);
        });

    internal static string[] Tokens(GgufModelSpec spec) => (string[])((string[])spec.Get("tokenizer.ggml.tokens")!).Clone();
    internal static int[] TokenTypes(GgufModelSpec spec) => (int[])((int[])spec.Get("tokenizer.ggml.token_type")!).Clone();
}
