using LlamaCode.Completion.Backends;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Completion.Prompting;
using LlamaCode.Engine.Model;

namespace LlamaCode.Completion.Tests.Backends;

/// <summary>
/// Each API's request body and stream reading, against recorded streams: llama-server's recorded from the pinned
/// build, vLLM's and Ollama's written from their documentation (those servers were not run here).
/// </summary>
public sealed class RemoteStreamShapeTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Backends", "Fixtures", name));

    [Theory]
    // fixture, API, text, generated tokens, prompt tokens (with cached), cached tokens, hit the limit
    [InlineData("llama-server-completion.sse", RemoteApi.LlamaServer, "\u0016\u0016\u0016\u0016", 4, 3, 2, true)]
    [InlineData("llama-server-v1-completions.sse", RemoteApi.OpenAi, "\u0016\u0016\u0016", 3, 3, 2, true)]
    [InlineData("vllm-completions.sse", RemoteApi.OpenAi, "a + b;", 3, 41, 32, true)]
    [InlineData("ollama-generate.ndjson", RemoteApi.Ollama, "a + b;", 3, 41, 0, false)]
    public void A_recorded_stream_reads_as_its_text_and_the_servers_figures(string fixture, RemoteApi api, string text, int generated, int prompt, int cached, bool hitLimit)
    {
        var parser = RemoteGenerationBackend.ApiFor(api);
        var events = Fixture(fixture).Split('\n').Select(parser.Parse).OfType<StreamEvent>().ToList();
        Assert.Equal(text, string.Concat(events.Select(e => e.Text)));
        var timings = events.Select(e => e.Timings).OfType<ServerTimings>().Last();
        Assert.Equal((generated, prompt, cached), (timings.GeneratedTokens, timings.PromptTokens, timings.CachedTokens));
        Assert.Equal(hitLimit, events.Any(e => e.HitLimit));
        Assert.Null(events.FirstOrDefault(e => e.Error is not null));
    }

    [Fact]
    public void OpenAI_compatible_requests_carry_the_raw_prompt_with_spelled_FIM_tokens_and_never_a_suffix()
    {
        var body = new OpenAiCompletionsApi().Request(new RemotePrompt(null, "<PRE> <SUF>} <MID> int x", null) { Stop = ["<EOT>"] },
            new GenerationInput([new Token(1)]) { MaxTokens = 32 }, "codellama/CodeLlama-7b-hf");
        Assert.Equal("v1/completions", body.Path);
        Assert.Equal("<PRE> <SUF>} <MID> int x", (string?)body.Body["prompt"]);
        Assert.Null(body.Body["suffix"]);
        Assert.Equal(32, (int?)body.Body["max_tokens"]);
        Assert.True((bool?)body.Body["stream"]);
        Assert.Equal("<EOT>", (string?)body.Body["stop"]![0]);
        Assert.Equal("codellama/CodeLlama-7b-hf", (string?)body.Body["model"]);
    }

    [Fact]
    public void Ollama_requests_are_raw_with_the_limit_and_stops_in_options()
    {
        var body = new OllamaGenerateApi().Request(new RemotePrompt(null, "<PRE> x <SUF> <MID>", null) { Stop = ["<EOT>"] },
            new GenerationInput([new Token(1)]) { MaxTokens = 16 }, "codellama:7b-code");
        Assert.Equal("api/generate", body.Path);
        Assert.True((bool?)body.Body["raw"]);
        Assert.True((bool?)body.Body["stream"]);
        Assert.Equal(16, (int?)body.Body["options"]!["num_predict"]);
        Assert.Equal("<EOT>", (string?)body.Body["options"]!["stop"]![0]);
        Assert.Null(body.Body["suffix"]);
    }

    [Fact]
    public void Ollama_needs_a_model_name()
    {
        var e = Assert.Throws<RemoteBackendException>(() => new OllamaGenerateApi().Request(new RemotePrompt(null, "x", null), new GenerationInput([new Token(1)]), null));
        Assert.Contains("--remote-model", e.Message);
    }

    [Fact]
    public void LlamaServer_requests_send_token_ids_to_completion_with_the_cache_slot_and_time_limit()
    {
        var body = new LlamaServerApi().Request(new RemotePrompt([new Token(1), new Token(7)], "", 3),
            new GenerationInput([new Token(1), new Token(7)]) { MaxTokens = 64, TimeBudget = TimeSpan.FromMilliseconds(1500) }, null);
        Assert.Equal("completion", body.Path);
        Assert.Equal("[1,7]", body.Body["prompt"]!.ToJsonString());
        Assert.True((bool?)body.Body["cache_prompt"]);
        Assert.Equal(3, (int?)body.Body["id_slot"]);
        Assert.Equal(64, (int?)body.Body["n_predict"]);
        Assert.Equal(1500, (int?)body.Body["t_max_predict_ms"]);
        Assert.True((bool?)body.Body["stream"]);
    }

    [Fact]
    public void LlamaServer_without_token_ids_sends_the_FIM_parts_to_infill()
    {
        var fim = new FimPrompt([], FimLayout.Spm, 0, 0, 0, 0, "int Add(int a, int b) => ", ";\n", [new ContextBlock("Math.cs", "static class M {}", 1)], []);
        var body = new LlamaServerApi().Request(new RemotePrompt(null, "", null), new GenerationInput([]) { Fim = fim }, null);
        Assert.Equal("infill", body.Path);
        Assert.Equal("int Add(int a, int b) => ", (string?)body.Body["input_prefix"]);
        Assert.Equal(";\n", (string?)body.Body["input_suffix"]);
        Assert.Equal("Math.cs", (string?)body.Body["input_extra"]![0]!["filename"]);
        Assert.Null(body.Body["id_slot"]);
    }

    [Theory]
    [InlineData("a/b/Cart.cs", 4)]
    [InlineData("a/b/Order.cs", 4)]
    [InlineData("x", 1)]
    public void A_documents_slot_is_stable_and_within_the_servers_slots(string key, int slots)
    {
        var slot = RemoteGenerationBackend.SlotOf(key, slots);
        Assert.InRange(slot, 0, slots - 1);
        Assert.Equal(slot, RemoteGenerationBackend.SlotOf(key, slots));
    }
}
