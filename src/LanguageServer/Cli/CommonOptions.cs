using System.CommandLine;
using LlamaCode.Completion.CSharp;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>Options shared by several commands (also llamacode-dev's benchmarks), defined once.</summary>
public static class CommonOptions
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
}
