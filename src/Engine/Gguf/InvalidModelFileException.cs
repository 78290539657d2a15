namespace LlamaCode.Engine.Gguf;

/// <summary>A model file that must not be handed to llama.cpp; the message names the file and the problem.</summary>
public sealed class InvalidModelFileException : Exception
{
    public InvalidModelFileException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>The problem alone, without the file name.</summary>
    public string Problem { get; }
}
