using System.Globalization;
using System.Text.Json;
using LlamaCode.Completion.Documents;

namespace LlamaCode.DevTools.Bench.Fuzz;

/// <summary>
/// A seeded script of well-framed LSP messages, valid and hostile, as a pure function of (seed, count). It opens with
/// requests before initialize, then initializes and opens a document, plays every scenario of
/// <see cref="FuzzScenarios"/> once per round in a shuffled order, and ends with shutdown and exit (with params null or
/// {}). It keeps its own copy of the document, so that valid edits and positions stay valid after hostile ones.
/// </summary>
public sealed partial class FuzzGenerator
{
    public const string DocumentUri = "file:///fuzz/Ledger.cs";

    private const string InitialText =
        "namespace Fuzz;\n\n/// Ledger of 😀 entries, 日本語 names and tabs\tinside.\npublic sealed class Ledger\n{\n" +
        "    private readonly List<decimal> _entries = new();\n\n    public void Add(decimal amount) => _entries.Add(amount);\n\n" +
        "    public decimal Total()\n    {\n        var sum = 0m;\n        foreach (var e in _entries) sum += e;\n        return \n    }\n}\n";

    private readonly Random _random;
    private int _nextId = 1;
    private string _text = InitialText;
    private int _version = 1;

    private FuzzGenerator(int seed) => _random = new Random(seed);

    /// <summary>Steps that together hold about <paramref name="count"/> messages (never fewer than the opening and ending).</summary>
    public static IReadOnlyList<FuzzStep> Build(int seed, int count)
    {
        var g = new FuzzGenerator(seed);
        var steps = new List<FuzzStep> { g.Opening() };
        var ending = g.Ending();
        var sent = steps[0].Messages.Count + ending.Sum(e => e.Messages.Count);
        for (var round = 0; sent < count; round++)
        {
            var order = Scenarios.Where(s => s.EveryNthRound <= 1 || round % s.EveryNthRound == 0).ToArray();
            g._random.Shuffle(order);
            foreach (var scenario in order)
            {
                if (sent >= count) break;
                var messages = scenario.Build(g);
                steps.Add(new FuzzStep(scenario.Name, messages));
                sent += messages.Count;
            }
        }
        steps.AddRange(ending);
        return steps;
    }

    /// <summary>The names of the scenarios one round plays.</summary>
    public static IReadOnlyList<string> ScenarioNames => Scenarios.Select(s => s.Name).ToArray();

    private FuzzStep Opening() => new("opening",
    [
        Request("before-initialize", "llamacode/stats", null),
        Json("before-initialize", """{"jsonrpc":"2.0","id":424242,"result":null}""", null),
        Request("initialize", "initialize", JsonSerializer.Serialize(new
        {
            processId = Environment.ProcessId, rootUri = (string?)null, initializationOptions = new { maxTokens = 8 },
            capabilities = new { window = new { workDoneProgress = true }, general = new { positionEncodings = new[] { "utf-16" } } },
        })),
        Notify("initialize", "initialized", "{}"),
        Notify("initialize", "textDocument/didOpen", JsonSerializer.Serialize(new { textDocument = new { uri = DocumentUri, languageId = "csharp", version = _version, text = _text } })),
    ]);

    /// <summary>
    /// shutdown and exit as eglot sends them (params null, or {} in newer versions), a request between them refused; exit
    /// is sent, as editors do, once shutdown is answered, and is the last step.
    /// </summary>
    private FuzzStep[] Ending()
    {
        var ps = _random.Next(3) switch { 0 => "null", 1 => "{}", _ => null };
        return
        [
            new("shutdown", [Request("shutdown", "shutdown", ps), Request("after-shutdown", "llamacode/stats", null)]),
            new("exit", [Notify("exit", "exit", ps)]),
        ];
    }

    // ---- builders ----

    private string NextId() => (_nextId++).ToString(CultureInfo.InvariantCulture);

    private static FuzzMessage Json(string kind, string json, string? answerKey) => FuzzMessage.Json(kind, json, answerKey);

    /// <summary>A request (answered once, whatever its method and params); <paramref name="paramsJson"/> null leaves params out.</summary>
    private FuzzMessage Request(string kind, string method, string? paramsJson, string? idJson = null)
    {
        idJson ??= NextId();
        return Json(kind, $"{{\"jsonrpc\":\"2.0\",\"id\":{idJson},\"method\":{JsonSerializer.Serialize(method)}{Params(paramsJson)}}}", FuzzIds.KeyOf(idJson));
    }

    private static FuzzMessage Notify(string kind, string method, string? paramsJson) =>
        Json(kind, $"{{\"jsonrpc\":\"2.0\",\"method\":{JsonSerializer.Serialize(method)}{Params(paramsJson)}}}", null);

    private static string Params(string? json) => json is null ? "" : ",\"params\":" + json;

    private static string Position(string line, string character) => $"{{\"line\":{line},\"character\":{character}}}";

    private static string InlineParams(string position, string uri = DocumentUri) =>
        $"{{\"textDocument\":{{\"uri\":{JsonSerializer.Serialize(uri)}}},\"position\":{position},\"context\":{{\"triggerKind\":2}}}}";

    /// <summary>A cursor in the document, never inside a surrogate pair.</summary>
    private string ValidPosition()
    {
        var offset = _random.Next(_text.Length + 1);
        if (offset > 0 && offset < _text.Length && char.IsLowSurrogate(_text[offset])) offset--;
        var (line, character) = TextPositions.Position(_text, offset, ColumnUnit.Utf16);
        return Position(line.ToString(CultureInfo.InvariantCulture), character.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A valid small edit (insert, delete or replace), applied to this copy of the document.</summary>
    private string EditParams()
    {
        var start = SafeOffset(_random.Next(_text.Length + 1));
        var end = SafeOffset(Math.Min(_text.Length, start + _random.Next(0, 6)));
        var insert = _random.Next(5) switch { 0 => "", 1 => "😀", 2 => "\n        ", 3 => "x.", _ => "sum" };
        var (sl, sc) = TextPositions.Position(_text, start, ColumnUnit.Utf16);
        var (el, ec) = TextPositions.Position(_text, end, ColumnUnit.Utf16);
        _text = string.Concat(_text.AsSpan(0, start), insert, _text.AsSpan(end));
        return JsonSerializer.Serialize(new
        {
            textDocument = new { uri = DocumentUri, version = ++_version },
            contentChanges = new[] { new { range = new { start = new { line = sl, character = sc }, end = new { line = el, character = ec } }, text = insert } },
        });
    }

    /// <summary>The whole document again (a resync after edits the server may have refused).</summary>
    private string ResyncParams() => JsonSerializer.Serialize(new
    {
        textDocument = new { uri = DocumentUri, version = ++_version }, contentChanges = new[] { new { text = _text } },
    });

    private int SafeOffset(int offset) => offset > 0 && offset < _text.Length && char.IsLowSurrogate(_text[offset]) ? offset - 1 : offset;

    /// <summary>The UTF-16 position just inside a surrogate pair of the document, if it has one.</summary>
    private string InsideSurrogatePair()
    {
        var at = _text.IndexOf("😀", StringComparison.Ordinal);
        if (at < 0) return Position("0", "1");
        var (line, character) = TextPositions.Position(_text, at, ColumnUnit.Utf16);
        return Position(line.ToString(CultureInfo.InvariantCulture), (character + 1).ToString(CultureInfo.InvariantCulture));
    }

    private int LineCount => _text.Count(c => c == '\n') + 1;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
