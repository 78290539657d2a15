using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>The loaded model declares no fill-in-the-middle tokens, so it cannot complete at a cursor.</summary>
public sealed class ModelLacksFimException(ModelInfo model) : InvalidOperationException(Describe(model))
{
    public ModelInfo Model { get; } = model;

    private static string Describe(ModelInfo model)
    {
        var s = model.Special;
        var missing = new[] { ("prefix", s.FimPrefix), ("suffix", s.FimSuffix), ("middle", s.FimMiddle) }
            .Where(role => role.Item2.IsNone).Select(role => role.Item1).ToArray();
        var roles = missing.Length <= 1 ? string.Concat(missing) : $"{string.Join(", ", missing[..^1])} or {missing[^1]}";
        return $"The model '{model.Path}' ({model.Architecture}) has no fill-in-the-middle {roles} token, so it cannot complete at a cursor; " +
            "use a code model trained for infilling, such as Code Llama, StarCoder, DeepSeek-Coder, Qwen2.5-Coder or CodeGemma.";
    }
}
