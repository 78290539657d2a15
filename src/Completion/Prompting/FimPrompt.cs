using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Prompting;

/// <summary>A fill-in-the-middle prompt as token ids, with what it kept of the document.</summary>
public sealed record FimPrompt(
    Token[] Tokens,
    FimLayout Layout,
    string Prefix,
    string Suffix,
    int PrefixTokens,
    int SuffixTokens,
    IReadOnlyList<Token> StopTokens);

/// <summary>The model has no fill-in-the-middle tokens: it cannot complete code between a prefix and a suffix.</summary>
public sealed class ModelLacksFimException(string model)
    : Exception($"The model {model} has no fill-in-the-middle tokens (prefix/suffix/middle); use a code model with FIM support, such as Code Llama (not -Instruct).");
