namespace LlamaCode.Review;

/// <summary>
/// The GBNF grammar of the model's answer: a JSON array of at most <see cref="MaxComments"/> objects
/// <c>{"line": N, "severity": "note"|"warning"|"error", "message": "..."}</c>, the message 1 to
/// <see cref="MaxMessageChars"/> characters with no quote, backslash or control character (so no escapes).
/// The output is bounded: <see cref="MaxOutputChars"/> characters at most, one token at least each.
/// </summary>
public static class ReviewGrammar
{
    public const int MaxComments = 5;
    public const int MaxMessageChars = 160;

    public static readonly string Gbnf = $$"""
        root ::= "[" ( item ( "," sp item ){0,{{MaxComments - 1}}} )? "]"
        item ::= "{\"line\":" sp line "," sp "\"severity\":" sp severity "," sp "\"message\":" sp "\"" char{1,{{MaxMessageChars}}} "\"}"
        line ::= [1-9] [0-9]{0,5}
        severity ::= "\"note\"" | "\"warning\"" | "\"error\""
        char ::= [^"\\\x00-\x1F\x7F]
        sp ::= " "?
        """;

    /// <summary>The longest text the grammar accepts: a generation budget of this many tokens always completes it.</summary>
    public static int MaxOutputChars =>
        2 + MaxComments * ("{\"line\": 123456, \"severity\": \"warning\", \"message\": \"\"}".Length + MaxMessageChars) + (MaxComments - 1) * 2;
}
