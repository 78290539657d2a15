using LlamaCode.Engine.Gguf;

namespace LlamaCode.Engine.Model;

/// <summary>The managed checks a model file passes before llama.cpp ever reads it.</summary>
internal static class ModelFileCheck
{
    public static GgufSummary Validate(string path)
    {
        var summary = GgufValidator.Validate(path);
        if (summary.Architecture is null) throw new InvalidModelFileException(path, "has no general.architecture: not a model");
        if (summary.Tensors.Count == 0) throw new InvalidModelFileException(path, "has no tensors: not a model (a vocabulary-only file?)");
        return summary;
    }
}
