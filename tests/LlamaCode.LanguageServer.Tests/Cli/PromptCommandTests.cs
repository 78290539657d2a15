using System.Text.Json;

namespace LlamaCode.LanguageServer.Tests.Cli;

/// <summary>`llamacode prompt` over a small workspace: one JSON line per request, every piece a segment with its path.</summary>
public sealed class PromptCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "llamacode-prompt-" + Guid.NewGuid().ToString("N"));

    public PromptCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "src"));
        File.WriteAllText(Path.Combine(_root, "src", "OrderRepository.cs"),
            "namespace Shop;\n\npublic sealed class OrderRepository\n{\n    public void Save(Order order) { }\n}\n");
        File.WriteAllText(Path.Combine(_root, "src", "Order.cs"), "namespace Shop;\n\npublic sealed record Order(int Id);\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Each_request_line_gives_a_prompt_whose_segments_name_their_paths_and_bad_lines_give_errors_in_order()
    {
        const string text = "namespace Shop;\n\nclass Checkout(OrderRepository repository)\n{\n    void Pay() { repository.\n    }\n}\n";
        var good = JsonSerializer.Serialize(new { file = "src/Checkout.cs", line = 4, character = 28, text });
        var escape = JsonSerializer.Serialize(new { file = "../outside.cs", line = 0, character = 0, text = "" });
        var requests = Path.Combine(_root, "requests.jsonl");
        await File.WriteAllTextAsync(requests, $"{good}\nnot json\n{escape}\n");

        var (code, stdout, stderr) = await CliProcess.Run(null, "prompt", "--workspace", _root, "--requests", requests, "--context-tokens", "512");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var segments = lines[0].GetProperty("segments").EnumerateArray()
            .Select(s => (Kind: s.GetProperty("kind").GetString(), Path: s.GetProperty("path").GetString(), Text: s.GetProperty("text").GetString()!)).ToList();
        // SPM: the suffix, then context (stubs first), then the prefix that ends at the cursor.
        Assert.Equal(("suffix", "src/Checkout.cs"), (segments[0].Kind, segments[0].Path));
        Assert.Equal(("prefix", "src/Checkout.cs"), (segments[^1].Kind, segments[^1].Path));
        Assert.EndsWith("repository.", segments[^1].Text);
        // The receiver's stub (the context keeps its most stable blocks first, so it need not lead).
        var stub = Assert.Single(segments, s => s.Kind == "symbols" && s.Path == "src/OrderRepository.cs");
        Assert.Contains("public void Save(Order order);", stub.Text);
        Assert.True(lines[0].GetProperty("promptTokens").GetInt32() > 0);
        foreach (var segment in segments) Assert.Contains(segment.Text, lines[0].GetProperty("prompt").GetString());
        Assert.Contains("request line 2", lines[1].GetProperty("error").GetString());
        Assert.Contains("not a path inside the workspace", lines[2].GetProperty("error").GetString());
    }
}
