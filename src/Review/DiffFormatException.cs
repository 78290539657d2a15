namespace LlamaCode.Review;

/// <summary>The input is not a unified diff this parser understands; the message names the line.</summary>
public sealed class DiffFormatException(int lineNumber, string reason)
    : Exception($"diff line {lineNumber}: {reason}")
{
    public int LineNumber { get; } = lineNumber;
}
