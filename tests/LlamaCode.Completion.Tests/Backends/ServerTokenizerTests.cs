using System.Text;
using System.Text.Json;
using LlamaCode.Completion.Backends;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.Backends.Remote.Tokens;
using LlamaCode.Completion.Backends.Tokens;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Tests.Backends;

/// <summary>
/// The pieces of the /tokenize route that need no real server: cutting a batched answer into lines, the bounded cache,
/// the answer's shape, and what happens when /tokenize is too slow or down (the real server's exactness is tested in
/// LlamaCode.LanguageServer.Tests, Remote/RemoteTokenizerTests).
/// </summary>
public sealed class ServerTokenizerTests
{
    private static ServerToken T(int id, string piece) => new(id, Encoding.UTF8.GetBytes(piece));

    public static readonly TheoryData<string, ServerToken[], string[], string[], string?> Cuts = new()
    {
        // what, the server's tokens, the texts, their leads, expected ids per text ("|" between texts; null: cannot cut)
        { "first line with its space prefix, then a line after its lead", [T(5, " int"), T(6, " a;\n"), T(1, " "), T(2, "\n"), T(7, "}")], [" int a;\n", "}"], ["", " \n"], "5,6|7" },
        { "a byte token's piece (half a character) counts by bytes", [T(2, "\n"), new ServerToken(300, [0xF0, 0x9F]), new ServerToken(301, [0x99, 0x82])], ["🙂"], ["\n"], "300,301" },
        { "the lead joined the text in one token", [T(9, "\nx")], ["x"], ["\n"], null },
        { "a token spans two texts", [T(9, "ab")], ["a", "b"], ["", ""], null },
        { "pieces that do not spell the text", [T(9, "ab")], ["ac"], [""], null },
        { "tokens left over", [T(9, "a"), T(10, "b")], ["a"], [""], null },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_batched_answer_is_cut_into_each_texts_tokens_by_the_bytes_they_spell(string what, ServerToken[] tokens, string[] texts, string[] leads, string? expected)
    {
        var cut = LineSegments.Cut(tokens, texts, leads);
        Assert.True(expected == (cut is null ? null : string.Join('|', cut.Select(c => string.Join(',', c.Select(t => t.Id))))), what);
    }

    [Theory]
    [InlineData("a\nb\n", "a\n|b\n")]
    [InlineData("a\n\nb", "a\n|\n|b")]
    [InlineData("", "")]
    [InlineData("\n", "\n")]
    public void Text_is_cut_into_lines_that_keep_their_line_breaks(string text, string lines) =>
        Assert.Equal(lines, string.Join('|', LineSegments.Split(text)));

    [Fact]
    public void The_cache_drops_the_least_recently_used_lines_beyond_its_characters()
    {
        var lru = new WeightedLru<string, int>(10, (k, _) => k.Length);
        lru.Set("aaaa", 1);
        lru.Set("bbbb", 2);
        Assert.True(lru.TryGet("aaaa", out _)); // now "bbbb" is the least recently used
        lru.Set("cccc", 3);
        Assert.False(lru.TryGet("bbbb", out _));
        Assert.True(lru.TryGet("aaaa", out _) && lru.TryGet("cccc", out _));
        lru.Set(new string('x', 11), 4); // heavier than the whole cache: not kept
        Assert.Equal(8, lru.Weight);
    }

    [Fact]
    public void The_answer_of_tokenize_with_pieces_reads_text_pieces_and_byte_pieces()
    {
        using var json = JsonDocument.Parse("""{"tokens":[{"id":1,"piece":" int"},{"id":300,"piece":[240,159]}]}""");
        var tokens = TokenizeEndpoint.Parse(json.RootElement);
        Assert.Equal([1, 300], tokens.Select(t => t.Id));
        Assert.Equal(" int"u8.ToArray(), tokens[0].Piece);
        Assert.Equal(new byte[] { 240, 159 }, tokens[1].Piece);
    }

    /// <summary>
    /// A /tokenize of a character tokenizer with a space prefix (each character one token, its id the character's code):
    /// llama-server's answer shape, each string of an array tokenized on its own.
    /// </summary>
    private static async Task CharacterTokenize(FakeInferenceServer.Recorded request, System.Net.HttpListenerResponse response)
    {
        var texts = request.Body["content"] is System.Text.Json.Nodes.JsonArray array ? array.Select(n => (string)n!).ToList() : [(string)request.Body["content"]!];
        var tokens = texts.SelectMany(t => (" " + t).Select(c => new System.Text.Json.Nodes.JsonObject { ["id"] = (int)c, ["piece"] = c.ToString() }));
        var body = new System.Text.Json.Nodes.JsonObject { ["tokens"] = new System.Text.Json.Nodes.JsonArray(tokens.ToArray<System.Text.Json.Nodes.JsonNode>()) };
        response.ContentType = "application/json";
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
        response.Close();
    }

    [Fact]
    public async Task When_tokenize_stops_answering_prompts_are_still_built_from_stand_ins_and_exact_tokens_come_back_with_it()
    {
        var answering = true;
        var release = new TaskCompletionSource();
        await using var server = new FakeInferenceServer(async (request, response) =>
        {
            if (request.Path != "/tokenize") { response.StatusCode = 404; response.Close(); return; }
            if (!answering) await release.Task;
            await CharacterTokenize(request, response);
        });
        var log = new List<string>();
        // Generous: the answering server must make it in time on a busy machine too (the silent one costs this once).
        var settings = new RemoteSettings(RemoteApi.LlamaServer, server.Endpoint) { TokenizeTimeout = TimeSpan.FromSeconds(3) }; // and 5 s to start
        await using var backend = await RemoteGenerationBackend.ConnectAsync(settings, l => { lock (log) log.Add(l); }, CancellationToken.None);
        var tokenizer = Assert.IsType<ServerTokenizer>(backend.Tokenizer);
        Assert.True(tokenizer.ByLine, string.Join('\n', log));
        Assert.False(tokenizer.HasServerFim); // no FIM token spelled as any family spells it: stand-ins, /infill
        var exact = FimPromptBuilder.Build(tokenizer, FimLayout.Spm, "int Add(int a, int b)\n    => ", ";\n}\n", new TokenBudget(200));
        Assert.Contains(exact.Tokens, t => t.Id == 'A'); // the server's ids

        answering = false; // the server stops answering in time: a space-prefix tokenizer's stand-ins, without an error
        var approximated = FimPromptBuilder.Build(tokenizer, FimLayout.Spm, "int Sub(int a, int b)\n    => ", ";\n}\n", new TokenBudget(200));
        Assert.Equal("int Sub(int a, int b)\n    => ", approximated.Prefix);
        Assert.DoesNotContain(approximated.Tokens, t => t.Id == 'S');
        Assert.Single(log, l => l.Contains("approximating"));
        release.SetResult();
    }

    [Fact]
    public async Task A_tokenize_slower_than_its_limit_gives_stand_in_tokens_logged_once_and_the_prompt_goes_to_infill()
    {
        var release = new TaskCompletionSource();
        await using var server = new FakeInferenceServer(async (request, response) =>
        {
            if (request.Path == "/tokenize") await release.Task;
            response.StatusCode = request.Path == "/infill" ? 200 : 404;
            response.ContentType = "text/event-stream";
            await response.OutputStream.WriteAsync("data: {\"content\":\"a + b\",\"stop\":true,\"stop_type\":\"eos\"}\n\n"u8.ToArray());
            response.Close();
        });
        var log = new List<string>();
        var settings = new RemoteSettings(RemoteApi.LlamaServer, server.Endpoint) { TokenizeTimeout = TimeSpan.FromMilliseconds(100), TokenizeStartTimeout = TimeSpan.FromMilliseconds(100) };
        await using var backend = await RemoteGenerationBackend.ConnectAsync(settings, l => { lock (log) log.Add(l); }, CancellationToken.None);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var prompts = Enumerable.Range(0, 5).Select(i => FimPromptBuilder.Build(backend.Tokenizer, FimLayout.Spm, $"int Add{i}(int a, int b) => ", ";\n", new TokenBudget(200))).ToList();

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), "keystrokes do not wait on a failing /tokenize");
        Assert.Single(log, l => l.StartsWith("tokens: ") && l.Contains("no answer within 100 ms") && l.Contains("approximating"));
        Assert.DoesNotContain(log, l => l.Contains("/tokenize, exact"));
        Assert.All(prompts, p => Assert.False(ServerTokenizer.AllServerTokens(p.Tokens)));
        Assert.Equal("int Add4(int a, int b) => ", prompts[^1].Prefix);
        var output = await backend.GenerateAsync(new GenerationInput(prompts[^1].Tokens) { Fim = prompts[^1], StopTokens = prompts[^1].StopTokens }, null, CancellationToken.None);
        Assert.Equal("a + b", output.Text);
        Assert.Contains(server.Requests, r => r.Path == "/infill");
        release.SetResult();
    }
}
