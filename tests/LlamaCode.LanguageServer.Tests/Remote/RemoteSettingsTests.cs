using System.Text.Json;
using LlamaCode.LanguageServer.Conversions;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Tests.Remote;

/// <summary>The remote backend settings, from settings JSON to what the model host connects to.</summary>
public sealed class RemoteSettingsTests
{
    [Theory]
    // settings JSON → backend ("" = local), endpoint, problem ("" = none)
    [InlineData("""{"backend":"llama-server","endpoint":"http://gpu-box:8080"}""", "llama-server", "http://gpu-box:8080/", "")]
    [InlineData("""{"llamacode":{"backend":"openai"}}""", "openai", "http://127.0.0.1:8000/", "")]
    [InlineData("""{"backend":"ollama"}""", "ollama", "http://127.0.0.1:11434/", "")]
    [InlineData("""{"backend":"local","endpoint":"http://gpu-box:8080"}""", "", "", "")]
    [InlineData("""{"backend":"vllm"}""", "", "", "unknown backend 'vllm'")]
    [InlineData("""{"backend":"llama-server","endpoint":"ftp://gpu-box"}""", "llama-server", "http://127.0.0.1:8080/", "must be an http:// or https:// URL")]
    [InlineData("""{"backend":"llama-server","endpoint":"http://me:secret@gpu-box"}""", "llama-server", "http://127.0.0.1:8080/", "must not hold credentials")]
    public void Remote_settings_map_onto_the_model_settings(string json, string backend, string endpoint, string problem)
    {
        var problems = new List<string>();
        var settings = SettingsConversion.Apply(new ServerSettings { ModelPath = "/models/codellama.gguf" }, JsonDocument.Parse(json).RootElement, problems);
        var remote = settings.Model.Remote;

        Assert.Equal(backend, remote is null ? "" : Completion.Backends.Remote.RemoteSettings.Name(remote.Api));
        Assert.Equal(endpoint, remote?.Endpoint.AbsoluteUri ?? "");
        if (remote is not null) Assert.Equal("/models/codellama.gguf", remote.VocabularyPath); // the model path is the vocabulary's local copy
        if (problem == "") Assert.Empty(problems);
        else Assert.Contains(problem, Assert.Single(problems));
        Assert.DoesNotContain(problems, p => p.Contains("secret")); // an endpoint's credentials are never echoed
    }

    [Fact]
    public void The_token_variable_and_the_model_name_pass_through_and_empty_means_none()
    {
        var problems = new List<string>();
        var settings = SettingsConversion.Apply(new ServerSettings(), JsonDocument.Parse("""{"backend":"openai","apiKeyEnv":"LLAMA_TOKEN","remoteModel":" "}""").RootElement, problems);
        Assert.Equal("LLAMA_TOKEN", settings.Model.Remote!.ApiKeyEnv);
        Assert.Null(settings.Model.Remote.Model);
        Assert.Empty(problems);
    }
}
