namespace LlamaCode.Engine.Model.Checks;

/// <summary>Ends a check at its first problem; <see cref="ModelFileCheck"/> turns it into a one-line error naming the file.</summary>
internal sealed class ModelCheckFailure(string problem) : Exception(problem);
