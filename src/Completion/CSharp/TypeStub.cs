namespace LlamaCode.Completion.CSharp;

/// <summary>Why a repository type was picked for the context at a cursor, most specific first.</summary>
public enum SymbolReason
{
    /// <summary>The type of the expression before the '.' at the cursor (or one of its base types).</summary>
    Receiver,
    /// <summary>The type whose object initializer the cursor is in.</summary>
    Initialized,
    /// <summary>The type expected at the cursor (assignment target, return type, argument), or an implementation of it.</summary>
    ExpectedType,
    /// <summary>A static class of extension methods for the receiver's type.</summary>
    Extension,
    /// <summary>Named or used in the member around the cursor.</summary>
    EnclosingMember,
    /// <summary>The type of a parameter, field or property in scope.</summary>
    InScope,
    /// <summary>A base type or interface of the type around the cursor.</summary>
    BaseType,
    /// <summary>Named somewhere else in the file.</summary>
    File,
    /// <summary>Not named in the file yet, but named by the files of the project most like it.</summary>
    CoUsed,
    /// <summary>Not named yet but nameable at the cursor, with words in common with the lines around it.</summary>
    Nameable,
}

/// <summary>A repository type rendered as a stub for the prompt: where it is declared, why it was picked, and its rank (lower first).</summary>
public sealed record TypeStub(string Path, string TypeName, string Text, SymbolReason Reason, double Rank)
{
    /// <summary>
    /// How likely the stub is to stay in the prompt while the cursor moves within the file: what the file and
    /// its types use is stable; what depends on the exact cursor position is not.
    /// </summary>
    public double Stability => Reason switch
    {
        SymbolReason.File or SymbolReason.BaseType or SymbolReason.InScope or SymbolReason.CoUsed => 0.9,
        SymbolReason.EnclosingMember => 0.6,
        SymbolReason.Nameable => 0.2,
        _ => 0.3,
    };
}

public sealed record SymbolContextOptions
{
    /// <summary>Most type stubs per request.</summary>
    public int MaxTypes { get; init; } = 32;
    /// <summary>Most members shown per type, so that one large class cannot take the whole budget.</summary>
    public int MaxMembersPerType { get; init; } = 30;
    /// <summary>Most types picked for being nameable at the cursor.</summary>
    public int MaxNameableTypes { get; init; } = 10;
    /// <summary>Most base types proposed in a base list for each way of finding them (siblings' bases, shared words).</summary>
    public int MaxBaseCandidates { get; init; } = 4;
    /// <summary>Most types picked for being named by the files most like the current one.</summary>
    public int MaxCoUsedTypes { get; init; } = 8;
    /// <summary>How many of the most similar files vote for co-used types.</summary>
    public int CoUsageNeighbours { get; init; } = 10;
    /// <summary>Most implementations added for an expected interface or abstract class.</summary>
    public int MaxImplementations { get; init; } = 3;
}
