using System.CommandLine;
using LlamaCode.Completion.CSharp;
using LlamaCode.Engine.Dev;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>Options shared by several commands, defined once.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Model(string description = "GGUF model file with fill-in-the-middle tokens (e.g. codellama-7b.Q4_K_M.gguf); `llamacode models` lists those on this machine.") =>
        new("--model", "-m") { Description = description };

    /// <summary>How to give a model, said by every command that needs one and got none.</summary>
    public const string NoModelMessage =
        "no model given: pass --model FILE (a GGUF file, e.g. codellama-7b.Q4_K_M.gguf); `llamacode models` lists the GGUF files found in Ollama's, LM Studio's, llama.cpp's and Hugging Face's local stores";

    /// <summary>The model the user named, or null after the one-line reason on stderr (the command exits with <see cref="CliErrors.BadUsage"/>).</summary>
    public static string? RequireModel(FileInfo? model)
    {
        if (model is not null) return model.FullName;
        CliErrors.Usage(NoModelMessage);
        return null;
    }

    public static Option<int> GpuLayers() =>
        new("--gpu-layers") { Description = "Layers to offload to the GPU (-1 = all, 0 = CPU only).", DefaultValueFactory = _ => 0 };

    public static Option<int> ContextSize() =>
        new("--context-size") { Description = "Context size in tokens.", DefaultValueFactory = _ => 4096 };

    public static Option<ProjectLoaderKind> ProjectLoader() =>
        new("--project-loader")
        {
            Description = "How the workspace's C# projects load: Auto (MSBuild when dotnet is installed, else the project files), MSBuild (runs the projects' MSBuild code: trusted workspaces only), Files (read as text, nothing executed).",
            DefaultValueFactory = _ => ProjectLoaderKind.Auto,
        };

    /// <summary>Loader notes (MSBuild diagnostics, fallbacks) of a command, on stderr.</summary>
    public static CSharpLoadOptions CSharpLoading(ProjectLoaderKind loader) => new(loader, note => Console.Error.WriteLine(note));

    /// <summary>
    /// Benchmarks only (dev tooling): the model the user named, or the generated demo model of <paramref name="size"/>
    /// (made once and cached). Product commands use <see cref="RequireModel"/>: a random-weight model's output is noise.
    /// </summary>
    public static string ResolveModel(FileInfo? model, DevModelSize size, TextWriter log)
    {
        if (model != null) return model.FullName;
        var path = DevModels.GetOrCreate(size);
        log.WriteLine($"no --model given: using the generated {size.ToString().ToLowerInvariant()} demo model {path} (random weights: its output is noise)");
        return path;
    }
}
