namespace LlamaCode.ModelGenerator;

/// <summary>Word lists the synthetic vocabulary is built from: things that are frequent in C# source.</summary>
internal static class CSharpPieces
{
    public static readonly string[] Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "var", "async", "await", "get", "set", "value", "yield", "record", "init", "required", "partial", "where",
        "select", "from", "nameof", "dynamic", "global", "when", "with", "not", "and", "or",
    ];

    public static readonly string[] Identifiers =
    [
        "System", "Collections", "Generic", "Linq", "Threading", "Tasks", "Task", "List", "Dictionary", "HashSet",
        "Console", "WriteLine", "Write", "ReadLine", "Main", "args", "Count", "Length", "Add", "Remove", "Contains",
        "ToString", "Equals", "GetHashCode", "Exception", "ArgumentException", "ArgumentNullException",
        "InvalidOperationException", "IEnumerable", "IDisposable", "Dispose", "Span", "Math", "Max", "Min",
        "Result", "result", "value", "name", "Name", "item", "items", "index", "count", "Id", "id", "Value", "Get",
        "Set", "Create", "Build", "Foo", "Bar", "Test", "Assert", "Fact", "Theory", "Parse", "Format", "Join",
        "Split", "Trim", "Empty", "StringBuilder", "Append", "Async", "CancellationToken", "Services", "Service",
        "Controller", "Model", "Models", "Data", "File", "Path", "Stream", "Text", "Json", "Http", "Request",
        "Response", "Options", "Logger", "Log", "Debug", "Error", "Message", "Key", "Keys", "Values", "Item",
        "Items", "Type", "Func", "Action", "Select", "Where", "First", "FirstOrDefault", "Any", "All", "ToList",
        "ToArray", "Sum", "Order", "OrderBy", "Instance", "Current", "Next", "Start", "Stop", "Run", "Update",
        "Delete", "Insert", "Find", "Load", "Save", "Open", "Close", "Read", "Handle", "Process", "Execute",
        "Config", "Context", "Manager", "Factory", "Provider", "Handler", "Helper", "Utils", "Extensions",
        "Property", "Method", "Event", "Args", "Sender", "Buffer", "Size", "Offset", "Position", "Token",
        "left", "right", "node", "other", "input", "output", "source", "target", "path", "text", "line",
        "key", "list", "map", "data", "buffer", "size", "offset", "length", "start", "end", "i", "j", "k", "x", "y",
    ];

    /// <summary>Operator and punctuation runs; single characters are added separately.</summary>
    public static readonly string[] Punctuation =
    [
        "()", "();", "());", "{", "}", "{}", "{ }", ";", "=>", "==", "!=", "<=", ">=", "&&", "||", "++", "--",
        "+=", "-=", "*=", "/=", "//", "///", "/*", "*/", "?.", "??", "??=", "::", "[]", "<>", "\"\"", "\");",
        "\")", ")]", "){", ").", ")]", "),", ")", "(\"", "[\"", "\"]", "$\"", "@\"", "<T>", "</", "/>",
        "0", "1", "2", "10", "100", "0.", "1.", "0x", "i++", "++i",
    ];
}
