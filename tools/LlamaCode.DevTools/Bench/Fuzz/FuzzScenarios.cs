using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCode.DevTools.Bench.Fuzz;

/// <summary>A named kind of traffic; <see cref="EveryNthRound"/> thins out the costly ones (several-MB bodies).</summary>
internal sealed record FuzzScenario(string Name, Func<FuzzGenerator, IReadOnlyList<FuzzMessage>> Build, int EveryNthRound = 1);

/// <summary>
/// The scenarios, each stating what the server owes for every message: requests with a usable id are answered once,
/// bodies that cannot be read are answered with the id a request shows before the fault or with a null id, and
/// notifications and responses are never answered.
/// </summary>
public sealed partial class FuzzGenerator
{
    private static readonly FuzzScenario[] Scenarios =
    [
        new("valid-inline", g => [Notify("edit", "textDocument/didChange", g.EditParams()), g.Request("inline", "textDocument/inlineCompletion", InlineParams(g.ValidPosition()))]),
        new("hostile-position", g => g.HostilePositions()),
        new("wrong-param-types", g => g.WrongParamTypes()),
        new("unknown-method", g =>
        [
            g.Request("unknown", g.Pick(["textDocument/hover", "foo", "", "$/llamacode/invalidRequest", "textDocument/inlineCompletion/x"]), g.Pick([null, "{}", "[1,2]"])),
            Notify("unknown", g.Pick(["$/unknown", "custom/notification", "workspace/didChangeWorkspaceFolders"]), g.Pick([null, "{}", "{\"a\":[1]}"])),
        ]),
        new("notification-with-id", g =>
        [
            g.Request("notification-with-id", "textDocument/didChange", g.EditParams()),
            g.Request("notification-with-id", g.Pick(["initialized", "$/cancelRequest", "textDocument/didSave", "window/workDoneProgress/cancel", "$/setTrace"]),
                g.Pick(["{}", "{\"id\":123456789}", "{\"textDocument\":{\"uri\":\"file:///fuzz/Ledger.cs\"}}", "{\"token\":\"t\"}"])),
        ]),
        new("id-variants", g => g.IdVariants()),
        new("bad-didchange-resync", g => g.BadDidChangeThenResync()),
        new("cancel-unknown", g => [.. Enumerable.Range(0, 3).Select(_ => Notify("cancel-unknown", "$/cancelRequest",
            g.Pick(["{\"id\":999999999}", "{\"id\":\"nope\"}", "{\"id\":null}", "{\"id\":{}}", "{\"id\":1.5}", "{}", "[]", "{\"id\":[1]}", "{\"id\":-1}"])))]),
        new("inline-burst", g => g.InlineBurst()),
        new("malformed-json", g => g.MalformedJson()),
        new("non-utf8", g => g.NonUtf8()),
        new("deep-nesting", g => g.DeepNesting()),
        new("large-body", g => g.LargeBodies(), EveryNthRound: 5),
        new("stray-response", g => g.StrayResponses()),
        new("paramless", g => [.. new[] { null, "null", "{}", "[]" }.Select(ps => g.Request("paramless", g.Pick(["llamacode/stats", "llamacode/lastPrompt"]), ps))]),
        new("lifecycle-abuse", g =>
        [
            g.Request("initialize-again", "initialize", g.Pick(["null", "{}", "{\"capabilities\":{}}", "{\"processId\":\"x\"}"])),
            Notify("initialized-again", "initialized", g.Pick([null, "null", "{}"])),
        ]),
        new("framing-variants", g =>
        [
            g.Framed("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"),
            g.Framed("content-type: application/vscode-jsonrpc; charset=utf8\r\n"),
        ]),
        new("lone-surrogate-escapes", g => g.LoneSurrogates()),
        new("code-action-and-command", g =>
        [
            g.Request("code-action", "textDocument/codeAction",
                $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\"}},\"range\":{{\"start\":{g.ValidPosition()},\"end\":{g.Pick([g.ValidPosition(), Position("-3", "2147483648")])}}},\"context\":{{\"diagnostics\":[]}}}}"),
            g.Request("execute-command", "workspace/executeCommand", g.Pick(["{\"command\":\"llamacode.explainSelection\",\"arguments\":[5]}", "{\"command\":\"nope\"}", "{\"command\":7}", "{}"])),
        ]),
    ];

    private static readonly string[] HostileCoordinates =
        ["-1", "-2147483648", "2147483648", "2147483647", "-2147483649", "1e308", "-1e308", "1.5", "0.0", "\"3\"", "null", "true", "9223372036854775808"];

    private IReadOnlyList<FuzzMessage> HostilePositions()
    {
        var position = _random.Next(5) switch
        {
            0 => InsideSurrogatePair(),
            1 => Position(((long)LineCount + _random.Next(1, 1000)).ToString(CultureInfo.InvariantCulture), "0"),
            2 => Position("0", "100000"),
            3 => "{\"line\":0}",
            _ => Position(Pick(HostileCoordinates), Pick([.. HostileCoordinates, "0"])),
        };
        return [Request("hostile-position", "textDocument/inlineCompletion", InlineParams(position))];
    }

    private IReadOnlyList<FuzzMessage> WrongParamTypes() =>
    [
        Request("wrong-types", "textDocument/inlineCompletion", Pick([
            "{\"textDocument\":5,\"position\":\"here\"}", "[]", "[1,2,3]", "{\"textDocument\":{\"uri\":17},\"position\":{\"line\":0,\"character\":0}}",
            "{\"textDocument\":{\"uri\":\"file:///fuzz/Ledger.cs\"},\"position\":[0,0]}", "{\"textDocument\":{\"uri\":\"not a uri\"},\"position\":{\"line\":0,\"character\":0}}",
            "{\"textDocument\":{\"uri\":\"file:///fuzz/Missing.cs\"},\"position\":{\"line\":0,\"character\":0},\"context\":{\"triggerKind\":\"x\"}}",
            "{\"textDocument\":{\"uri\":\"file:///fuzz/Ledger.cs\"},\"position\":{\"line\":0,\"character\":0},\"context\":{\"triggerKind\":99,\"selectedCompletionInfo\":{\"range\":7,\"text\":null}}}",
        ])),
        Notify("wrong-types", Pick(["textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
            "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles"]), Pick([
            "{\"textDocument\":7}", "{\"contentChanges\":\"x\"}", "{}", "[]", "{\"settings\":5}", "{\"changes\":{}}", "{\"settings\":{\"llamacode\":{\"maxTokens\":\"many\",\"modelPath\":7}}}",
            "{\"textDocument\":{\"uri\":\"file:///fuzz/Other.cs\",\"languageId\":null,\"version\":\"1\",\"text\":5}}",
        ])),
    ];

    private IReadOnlyList<FuzzMessage> IdVariants()
    {
        string[] ids =
        [
            "\"fuzz-" + _nextId++ + "\"", "\"\"", "-5", "0", "-0", "2147483648", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "1.5", "1e308", "1E2", "null", "\"a\\u0041\"", "\"\\u00e9t\\u00e9\"",
        ];
        var id = Pick(ids);
        var method = Pick(["llamacode/stats", "textDocument/inlineCompletion"]);
        var ps = method == "llamacode/stats" ? null : InlineParams(ValidPosition());
        var messages = new List<FuzzMessage> { Request("id-" + id, method, ps, id) };
        // Ids that are not strings or numbers are answered with a null id.
        var odd = Pick(["true", "{}", "[1]"]);
        messages.Add(Json("id-" + odd, $"{{\"jsonrpc\":\"2.0\",\"id\":{odd},\"method\":\"llamacode/stats\"}}", FuzzIds.NullKey));
        // The same id twice in flight: two answers.
        var twice = NextId();
        messages.Add(Request("duplicate-id", "textDocument/inlineCompletion", InlineParams(ValidPosition()), twice));
        messages.Add(Request("duplicate-id", "llamacode/stats", null, twice));
        return messages;
    }

    private IReadOnlyList<FuzzMessage> BadDidChangeThenResync()
    {
        var bad = Pick([
            $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\",\"version\":{_version + 1}}},\"contentChanges\":[{{\"range\":{{\"start\":{Position("5", "3")},\"end\":{Position("1", "0")}}},\"text\":\"reversed\"}}]}}",
            $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\",\"version\":{_version + 1}}},\"contentChanges\":[{{\"range\":{{\"start\":{Position("-1", "-1")},\"end\":{Position("999999", "999999")}}},\"text\":\"all\"}}]}}",
            $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\",\"version\":{_version + 1}}},\"contentChanges\":[{{\"range\":{{\"start\":{Position("2147483648", "0")},\"end\":{Position("0", "0")}}},\"text\":\"x\"}}]}}",
            $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\",\"version\":{_version + 1}}},\"contentChanges\":[{{\"text\":null}}]}}",
            $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\",\"version\":{_version + 1}}},\"contentChanges\":[{{\"range\":null,\"text\":5}}]}}",
            $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\",\"version\":-4}},\"contentChanges\":[{{\"range\":{{\"start\":{InsideSurrogatePair()},\"end\":{InsideSurrogatePair()}}},\"text\":\"\\ud83d\"}}]}}",
            $"{{\"textDocument\":{{\"uri\":\"file:///fuzz/NotOpen.cs\",\"version\":2}},\"contentChanges\":[{{\"text\":\"x\"}}]}}",
            "{\"textDocument\":{\"uri\":\"" + DocumentUri + "\"},\"contentChanges\":[]}",
        ]);
        return
        [
            Notify("bad-didchange", "textDocument/didChange", bad),
            Notify("resync", "textDocument/didChange", ResyncParams()),
            Request("inline-after-resync", "textDocument/inlineCompletion", InlineParams(ValidPosition())),
        ];
    }

    private IReadOnlyList<FuzzMessage> InlineBurst()
    {
        var messages = new List<FuzzMessage>();
        var ids = new List<string>();
        for (var i = _random.Next(3, 9); i > 0; i--)
        {
            if (_random.Next(2) == 0) messages.Add(Notify("burst-edit", "textDocument/didChange", EditParams()));
            var id = NextId();
            ids.Add(id);
            messages.Add(Request("burst-inline", "textDocument/inlineCompletion", InlineParams(ValidPosition()), id));
            if (_random.Next(3) == 0) messages.Add(Notify("burst-cancel", "$/cancelRequest", $"{{\"id\":{Pick(ids)}}}"));
        }
        return messages;
    }

    private IReadOnlyList<FuzzMessage> MalformedJson()
    {
        var id = NextId();
        var key = FuzzIds.KeyOf(id);
        var (body, answer) = _random.Next(14) switch
        {
            0 => ("not json at all", FuzzIds.NullKey),
            1 => ("{", FuzzIds.NullKey),
            2 => ("[]", FuzzIds.NullKey),
            3 => ("[{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"llamacode/stats\"}]", FuzzIds.NullKey),
            4 => ("null", FuzzIds.NullKey),
            5 => ("\"a string\"", FuzzIds.NullKey),
            6 => ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"llamacode/stats\",\"params\":{\"a\":", key),
            7 => ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"llamacode/stats\",}", key),
            8 => ("{\"jsonrpc\":\"1.0\",\"id\":" + id + ",\"method\":\"llamacode/stats\"}", key),
            9 => ("{\"id\":" + id + ",\"method\":\"llamacode/stats\"}", key),
            10 => ("{\"jsonrpc\":\"2.0\",\"id\":" + id + "}", key),
            11 => ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":5}", key),
            12 => ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"llamacode/stats\",\"params\":\"x\"}", key),
            _ => ("{}", (string?)null),
        };
        return [Json("malformed", body, answer), Json("malformed-notification", Pick(["{\"jsonrpc\":\"2.0\",\"method\":5}", "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":3}", "{\"method\":\"initialized\"}"]), null)];
    }

    private IReadOnlyList<FuzzMessage> NonUtf8()
    {
        byte[][] invalid = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF5, 0x80, 0x80, 0x80], [0x80]];
        var bad = Pick(invalid);
        var id = NextId();
        var request = Concat($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"textDocument/didOpen\",\"params\":{{\"text\":\"a", bad, "b\"}}");
        var notification = Concat("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"contentChanges\":[{\"text\":\"", bad, "\"}]}}");
        var inMethod = NextId();
        var method = Concat($"{{\"jsonrpc\":\"2.0\",\"id\":{inMethod},\"method\":\"", [0xFF, 0xFE], "\"}");
        return
        [
            FuzzMessage.Raw("non-utf8-request", request, FuzzIds.KeyOf(id)),
            FuzzMessage.Raw("non-utf8-notification", notification, FuzzIds.NullKey),
            FuzzMessage.Raw("non-utf8-method", method, FuzzIds.KeyOf(inMethod)),
        ];
    }

    private IReadOnlyList<FuzzMessage> DeepNesting()
    {
        const int depth = 20_000;
        var (open, close) = _random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var id = NextId();
        return
        [
            Json("deep-request", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"llamacode/stats\",\"params\":{nested}}}", FuzzIds.KeyOf(id)),
            Json("deep-notification", $"{{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{nested}}}", FuzzIds.NullKey),
            // Nested deep, but within the limit: read and answered (an unknown method).
            Request("nested-within-limit", "custom/nested", "{\"a\":" + string.Concat(Enumerable.Repeat("[", 50)) + string.Concat(Enumerable.Repeat("]", 50)) + "}"),
        ];
    }

    private IReadOnlyList<FuzzMessage> LargeBodies()
    {
        var megabytes = _random.Next(2, 5);
        var line = "    public int Field" + _random.Next(1000) + " { get; set; } // padding padding padding padding\n";
        var big = string.Concat(Enumerable.Repeat(line, (megabytes << 20) / line.Length));
        const string bigUri = "file:///fuzz/Big.cs";
        return
        [
            Request("large-unknown", "custom/large", JsonSerializer.Serialize(new { blob = big })),
            Notify("large-open", "textDocument/didOpen", JsonSerializer.Serialize(new { textDocument = new { uri = bigUri, languageId = "csharp", version = 1, text = big } })),
            Request("large-inline", "textDocument/inlineCompletion", InlineParams(Position("1000", "4"), bigUri)),
            Notify("large-close", "textDocument/didClose", JsonSerializer.Serialize(new { textDocument = new { uri = bigUri } })),
        ];
    }

    private IReadOnlyList<FuzzMessage> StrayResponses() =>
    [
        .. Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Json("stray-response", Pick([
            "{\"jsonrpc\":\"2.0\",\"id\":" + _random.Next(1, 100_000) + ",\"result\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"llamacode/" + _random.Next(1000) + "\",\"result\":{\"a\":1}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":\"not an object\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":1.5,\"message\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":1,\"error\":{\"code\":1,\"message\":\"both\"}}",
            "{\"id\":1,\"result\":null}",
            "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":null}",
        ]), null)),
    ];

    private FuzzMessage Framed(string extraHeader)
    {
        var id = NextId();
        return FuzzMessage.Raw("framing", Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"llamacode/stats\"}}"), FuzzIds.KeyOf(id), extraHeader);
    }

    private IReadOnlyList<FuzzMessage> LoneSurrogates()
    {
        var id = NextId();
        var stringId = "\"\\udc00-" + _nextId++ + "\"";
        return
        [
            Json("surrogate-method", $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"\\ud800\"}}", FuzzIds.KeyOf(id)),
            Json("surrogate-id", $"{{\"jsonrpc\":\"2.0\",\"id\":{stringId},\"method\":\"llamacode/stats\"}}", FuzzIds.KeyOf(stringId)),
            Request("surrogate-uri", "textDocument/inlineCompletion", $"{{\"textDocument\":{{\"uri\":\"file:///fuzz/\\ud800.cs\"}},\"position\":{ValidPosition()}}}"),
            Notify("surrogate-text", "textDocument/didChange", $"{{\"textDocument\":{{\"uri\":\"{DocumentUri}\",\"version\":{_version + 1}}},\"contentChanges\":[{{\"text\":\"\\ud83d\"}}]}}"),
            Notify("resync", "textDocument/didChange", ResyncParams()),
        ];
    }

    private static byte[] Concat(string head, byte[] middle, string tail) => [.. Encoding.UTF8.GetBytes(head), .. middle, .. Encoding.UTF8.GetBytes(tail)];
}
