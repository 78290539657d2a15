using System.CommandLine;
using LlamaCode.Engine.Probe;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>
/// The hidden `llamacode probe-model`: the sacrificial child of the first load of a model file. It loads the model,
/// tokenizes, decodes a batch and checks the logits (<see cref="ModelSelfTest"/>), then prints its verdict line. If
/// llama.cpp asserts, this process dies instead of the one that started it.
/// </summary>
public static class ProbeModelCommand
{
    public const string Name = "probe-model";

    public static Command Build()
    {
        var command = new Command(Name, "Load a model in this process and run one batch (the first-load check's child).") { Hidden = true };
        var model = new Option<FileInfo>("--model") { Required = true };
        var gpuLayers = CommonOptions.GpuLayers();
        command.Options.Add(model);
        command.Options.Add(gpuLayers);
        command.SetAction(parse => ModelSelfTest.RunAsChild(parse.GetValue(model)!.FullName, parse.GetValue(gpuLayers), Console.Out));
        return command;
    }

    /// <summary>The probe that runs this command of the llamacode executable, with the default limits and cache.</summary>
    public static ModelProbe ForThisProcess() => new(new ModelProbeOptions(Executable()));

    /// <summary>
    /// The llamacode app host beside this assembly (also when another process, such as a test host, loaded it), else
    /// <c>dotnet llamacode.dll</c>.
    /// </summary>
    public static ProbeCommand Executable()
    {
        var assembly = typeof(ProbeModelCommand).Assembly.Location;
        var appHost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        return File.Exists(appHost)
            ? new ProbeCommand(appHost, [Name])
            : new ProbeCommand(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet", [assembly, Name]);
    }
}
