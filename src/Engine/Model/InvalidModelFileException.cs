namespace LlamaCode.Engine.Model;

/// <summary>A model file that is missing, corrupt, not GGUF, or not loadable; the message names the file and the problem.</summary>
public sealed class InvalidModelFileException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string FilePath { get; } = path;
    public string Problem { get; } = problem;
}
