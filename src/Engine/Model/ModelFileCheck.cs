using LlamaCode.Engine.Gguf;
using LlamaCode.Engine.Model.Checks;

namespace LlamaCode.Engine.Model;

/// <summary>
/// The managed checks a model file passes before llama.cpp ever reads it: the container (<see cref="GgufValidator"/>:
/// bounds, counts, offsets), then the hyper-parameters, the tokenizer, tensor types and shapes against the
/// architecture, and the small weights. Each hazard class that has ended the process inside llama.cpp is refused here
/// with a one-line reason; the first-load probe (<see cref="Probe.ModelProbe"/>) covers what no check knows yet.
/// </summary>
public static class ModelFileCheck
{
    /// <summary>Checks <paramref name="path"/> (a full path) or throws <see cref="InvalidModelFileException"/>.</summary>
    public static GgufSummary Validate(string path)
    {
        var summary = GgufValidator.Validate(path, new GgufReadOptions { KeepArrays = TokenizerCheck.ArraysRead });
        if (FindProblem(summary) is { } problem) throw new InvalidModelFileException(path, problem);
        return summary;
    }

    /// <summary>The first problem of a file the container validation accepted, or null.</summary>
    public static string? FindProblem(GgufSummary summary)
    {
        if (summary.Architecture is null) return "has no general.architecture: not a model";
        if (summary.Tensors.Count == 0) return "has no tensors: not a model (a vocabulary-only file?)";
        try
        {
            var metadata = new ModelMetadata(summary);
            HyperParameterCheck.Check(metadata);
            TokenizerCheck.Check(metadata);
            TensorCheck.Check(metadata);
            WeightScan.Check(summary);
            return null;
        }
        catch (ModelCheckFailure failure)
        {
            return failure.Message;
        }
    }
}
