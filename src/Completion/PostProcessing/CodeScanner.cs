namespace LlamaCode.Completion.PostProcessing;

/// <summary>Where a C-like lexer is: in code, or inside a comment or a literal whose characters are not code.</summary>
public enum LexMode { Code, LineComment, BlockComment, String, VerbatimString, Char, Template }

/// <summary>The lexer's state between two pieces of text; <see cref="Escaped"/>: the last character was a backslash in a literal.</summary>
public readonly record struct LexState(LexMode Mode, bool Escaped = false)
{
    public static readonly LexState Code = new(LexMode.Code);
}

/// <summary>
/// A small lexer for C-like languages (C#, Java, JavaScript, C, Go, ...) that tells which characters are code,
/// as opposed to comments and string or character literals, so brackets inside them are not counted.
/// </summary>
public static class CodeScanner
{
    /// <summary>
    /// Scans <paramref name="text"/> from <paramref name="state"/>, calling <paramref name="onCode"/> with the index of
    /// every code character until it returns false. Returns the state after the last character scanned.
    /// </summary>
    public static LexState Scan(string text, LexState state, Func<int, bool>? onCode = null)
    {
        var (mode, escaped) = (state.Mode, state.Escaped);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (mode)
            {
                case LexMode.Code:
                    if (c == '/' && next == '/') { mode = LexMode.LineComment; i++; }
                    else if (c == '/' && next == '*') { mode = LexMode.BlockComment; i++; }
                    else if (c == '@' && next == '"') { mode = LexMode.VerbatimString; i++; }
                    else if (c == '"') mode = LexMode.String;
                    else if (c == '\'') mode = LexMode.Char;
                    else if (c == '`') mode = LexMode.Template;
                    else if (onCode is not null && !onCode(i)) return new LexState(mode);
                    break;
                case LexMode.LineComment:
                    if (c == '\n') mode = LexMode.Code;
                    break;
                case LexMode.BlockComment:
                    if (c == '*' && next == '/') { mode = LexMode.Code; i++; }
                    break;
                case LexMode.VerbatimString:
                    if (c == '"' && next == '"') i++;
                    else if (c == '"') mode = LexMode.Code;
                    break;
                case LexMode.String or LexMode.Char or LexMode.Template:
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == Closer(mode) || (c == '\n' && mode != LexMode.Template)) mode = LexMode.Code;
                    break;
            }
        }
        return new LexState(mode, escaped);
    }

    private static char Closer(LexMode mode) => mode switch { LexMode.String => '"', LexMode.Char => '\'', _ => '`' };

    /// <summary>True for documents whose blocks are delimited by braces (the C family, CSS, ...), judged by file extension.</summary>
    public static bool UsesBraces(string? documentPath)
    {
        var extension = Path.GetExtension(documentPath ?? "").ToLowerInvariant();
        return extension is "" or ".cs" or ".csx" or ".java" or ".kt" or ".kts" or ".scala" or ".js" or ".jsx" or ".mjs" or ".cjs"
            or ".ts" or ".tsx" or ".c" or ".h" or ".cc" or ".cpp" or ".cxx" or ".hpp" or ".hh" or ".m" or ".mm" or ".go" or ".rs"
            or ".swift" or ".dart" or ".php" or ".css" or ".scss" or ".less" or ".json" or ".jsonc" or ".groovy" or ".gradle" or ".zig";
    }
}
