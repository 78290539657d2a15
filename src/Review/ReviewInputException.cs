namespace LlamaCode.Review;

/// <summary>The review cannot start from this input (too large a diff, an unknown revision, no repository).</summary>
public sealed class ReviewInputException(string message, Exception? inner = null) : Exception(message, inner);
