using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>The loaded model declares no fill-in-the-middle tokens, so it cannot complete at a cursor.</summary>
public sealed class ModelLacksFimException(ModelInfo model)
    : InvalidOperationException(
        $"The model '{model.Path}' ({model.Architecture}) has no fill-in-the-middle tokens (prefix, suffix and middle); " +
        "use a code model trained for infilling, such as Code Llama, StarCoder, DeepSeek-Coder, Qwen2.5-Coder or CodeGemma.")
{
    public ModelInfo Model { get; } = model;
}
