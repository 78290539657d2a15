using System.Collections.Frozen;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// Reserved words of the languages a workspace commonly holds (C#, Java, JavaScript/TypeScript, Python, Go, Rust,
/// C/C++), lower-cased. They occur in nearly every chunk, so as retrieval terms they only add noise.
/// </summary>
internal static class CodeKeywords
{
    public static readonly FrozenSet<string> All = new[]
    {
        // C#
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint",
        "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "async", "await", "get", "set", "init", "var", "value", "yield", "record", "nameof", "where", "partial",
        "dynamic", "required", "when", "not", "and", "or", "with", "global",
        // Java
        "boolean", "extends", "final", "implements", "import", "instanceof", "native", "package", "super",
        "synchronized", "throws", "transient",
        // JavaScript / TypeScript
        "function", "let", "undefined", "export", "from", "of", "declare", "type", "keyof", "any", "unknown",
        "never", "number", "constructor", "module",
        // Python
        "def", "elif", "except", "lambda", "pass", "raise", "none", "nonlocal", "del", "self", "cls",
        // Go
        "func", "chan", "defer", "go", "map", "range", "select", "fallthrough",
        // Rust
        "fn", "impl", "mut", "pub", "crate", "mod", "trait", "loop", "match", "use", "dyn", "move",
        // C / C++
        "auto", "register", "signed", "unsigned", "typedef", "union", "template", "typename", "include", "define",
        "ifdef", "ifndef", "endif", "nullptr",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Looks words up without allocating a string for them.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        All.GetAlternateLookup<ReadOnlySpan<char>>();
}
