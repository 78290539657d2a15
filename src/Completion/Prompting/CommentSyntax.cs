namespace LlamaCode.Completion.Prompting;

/// <summary>How a language writes a one-line comment; <see cref="End"/> is empty unless only block comments exist.</summary>
public sealed record CommentSyntax(string Start, string End = "")
{
    public static readonly CommentSyntax Slashes = new("//");
    public static readonly CommentSyntax Hash = new("#");
    public static readonly CommentSyntax DoubleDash = new("--");
    public static readonly CommentSyntax Percent = new("%");
    public static readonly CommentSyntax Semicolon = new(";");
    public static readonly CommentSyntax SlashStar = new("/*", "*/");
    public static readonly CommentSyntax Markup = new("<!--", "-->");

    private static readonly Dictionary<string, CommentSyntax> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".py"] = Hash, [".pyi"] = Hash, [".sh"] = Hash, [".bash"] = Hash, [".zsh"] = Hash, [".ps1"] = Hash,
        [".yaml"] = Hash, [".yml"] = Hash, [".toml"] = Hash, [".rb"] = Hash, [".pl"] = Hash, [".r"] = Hash,
        [".cmake"] = Hash, [".mk"] = Hash, [".dockerfile"] = Hash, [".ini"] = Semicolon,
        [".sql"] = DoubleDash, [".lua"] = DoubleDash, [".hs"] = DoubleDash,
        [".tex"] = Percent, [".erl"] = Percent, [".m"] = Percent,
        [".lisp"] = Semicolon, [".clj"] = Semicolon, [".el"] = Semicolon, [".asm"] = Semicolon,
        [".css"] = SlashStar,
        [".html"] = Markup, [".htm"] = Markup, [".xml"] = Markup, [".xaml"] = Markup, [".csproj"] = Markup,
        [".props"] = Markup, [".targets"] = Markup, [".razor"] = Markup, [".md"] = Markup, [".svg"] = Markup,
    };

    private static readonly Dictionary<string, CommentSyntax> ByFileName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dockerfile"] = Hash, ["Makefile"] = Hash, ["CMakeLists.txt"] = Hash, [".gitignore"] = Hash,
    };

    /// <summary>The comment syntax of a document, from its file name; <c>//</c> when unknown (C-like languages).</summary>
    public static CommentSyntax ForPath(string? documentPath)
    {
        if (string.IsNullOrEmpty(documentPath)) return Slashes;
        var name = System.IO.Path.GetFileName(documentPath);
        if (ByFileName.TryGetValue(name, out var byName)) return byName;
        return ByExtension.GetValueOrDefault(System.IO.Path.GetExtension(documentPath), Slashes);
    }

    /// <summary>One comment line holding <paramref name="text"/>.</summary>
    public string Line(string text) => End.Length == 0 ? $"{Start} {text}" : $"{Start} {text} {End}";
}
