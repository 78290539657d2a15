using System.CommandLine;
using System.Reflection;
using LlamaCode.Completion;
using LlamaCode.Completion.Backends.Remote;
using LlamaCode.Engine.Inference;
using LlamaCode.Review;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>
/// `llamacode review`: a headless code review of a change for CI. The report goes to stdout (or --output), progress to
/// stderr. Exit codes: 0 done, 1 findings at or above --fail-on (default error), 2 bad usage or input.
/// </summary>
internal static class ReviewCommand
{
    public const int FindingsAtThreshold = 1;

    /// <summary>
    /// The --format names. Constants of the review assembly, so that building the command line (for every command,
    /// serve included) does not load it: only this command's action touches review types.
    /// </summary>
    internal static readonly string[] FormatNames = [ReportFormats.Sarif, ReportFormats.Github, ReportFormats.Markdown, ReportFormats.Json];

    public static Command Build()
    {
        var command = new Command("review", "Review a change (git --base REV against the working tree, or a unified diff) with the C# compiler and the model; writes a report.");
        var model = CommonOptions.Model("GGUF model file, ideally an instruct model (codellama-7b-instruct). `llamacode models` lists those on this machine.");
        var workspace = new Option<DirectoryInfo>("--workspace", "-w") { Description = "The checked-out workspace (for --base: a folder of the git repository, whose root becomes the review root).", Required = true };
        var baseRevision = new Option<string?>("--base") { Description = "The base revision (sha, branch, tag): the change is the working tree (with the index) against it." };
        var diff = new Option<string?>("--diff") { Description = "A unified diff file, or - for stdin, whose new side is the workspace." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => ReportFormats.Sarif };
        format.AcceptOnlyFromAmong(FormatNames);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of stdout." };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding is at or above this severity.", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("none", "note", "warning", "error");
        var maxFiles = new Option<int>("--max-files") { Description = "Most changed files reviewed; the rest are skipped with a note.", DefaultValueFactory = _ => 50 };
        var gpuLayers = CommonOptions.GpuLayers();
        var contextSize = CommonOptions.ContextSize();
        foreach (var o in new Option[] { model, workspace, baseRevision, diff, format, output, failOn, maxFiles, gpuLayers, contextSize }) command.Options.Add(o);
        var remoteOptions = new RemoteOptions();
        remoteOptions.AddTo(command);

        command.SetAction(async (parse, ct) =>
        {
            var root = parse.GetValue(workspace)!;
            if (!root.Exists) return CliErrors.Usage($"no such workspace folder: {root.FullName}");
            var (rev, diffPath) = (parse.GetValue(baseRevision), parse.GetValue(diff));
            if ((rev is null) == (diffPath is null)) return CliErrors.Usage("give exactly one of --base REV and --diff FILE|-");
            if (parse.GetValue(maxFiles) < 1) return CliErrors.Usage("--max-files must be at least 1");
            if (!remoteOptions.TryChoose(parse, parse.GetValue(model), parse.GetValue(contextSize), out var remote, out var modelPath)) return CliErrors.BadUsage;
            var limits = new ReviewLimits { MaxFiles = parse.GetValue(maxFiles) };

            ChangeSet changes;
            try
            {
                changes = rev is not null ? FromGit(root.FullName, rev, limits) : await FromDiffAsync(root.FullName, diffPath!, limits, ct);
            }
            catch (Exception e) when (e is ReviewInputException or DiffFormatException or IOException or UnauthorizedAccessException)
            {
                return CliErrors.Usage(e.Message);
            }
            Console.Error.WriteLine($"review: {changes.Files.Count} changed file(s) to review, {changes.Notes.Count} note(s)");

            var runner = new ReviewRunner(limits, Tool(), message => Console.Error.WriteLine($"review: {message}"));
            ReviewReport report;
            if (changes.Files.Any(f => f.Change.Hunks.Count > 0))
            {
                await using var service = await CliErrors.TryLoadAsync(modelPath,
                    new LocalEngineSettings { GpuLayers = parse.GetValue(gpuLayers), ContextSize = parse.GetValue(contextSize), Slots = 1 }, remote, ct);
                if (service is null) return CliErrors.BadUsage; // 1 means findings here
                try
                {
                    report = await runner.RunAsync(changes, service, ct);
                }
                catch (ModelUnusableException e)
                {
                    CliErrors.Unusable(modelPath ?? "the model", e);
                    return CliErrors.BadUsage;
                }
                catch (RemoteBackendException e)
                {
                    return CliErrors.Remote(e);
                }
            }
            else
            {
                report = await runner.RunAsync(changes, null, ct);
            }

            var writer = ReportFormats.ByName[parse.GetValue(format)!];
            if (parse.GetValue(output) is { } file)
            {
                await using var stream = new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false));
                writer.Write(report, stream);
            }
            else
            {
                writer.Write(report, Console.Out);
                Console.Out.Flush();
            }
            Console.Error.WriteLine($"review: {report.Findings.Count} finding(s), {report.Notes.Count} note(s)");
            return report.HasFindingsAtOrAbove(Threshold(parse.GetValue(failOn)!)) ? FindingsAtThreshold : 0;
        });
        return command;
    }

    private static ChangeSet FromGit(string workspace, string revision, ReviewLimits limits)
    {
        var (root, changes, baseTexts) = GitChangeSource.Load(workspace, revision, limits);
        return ChangeSetLoader.Load(root, changes, baseTexts, limits);
    }

    private static async Task<ChangeSet> FromDiffAsync(string workspace, string diffPath, ReviewLimits limits, CancellationToken ct)
    {
        string text;
        if (diffPath == "-")
        {
            text = await DiffInput.ReadBoundedAsync(Console.OpenStandardInput(), limits.MaxDiffBytes, ct);
        }
        else
        {
            if (!File.Exists(diffPath)) throw new ReviewInputException($"no such diff file: {diffPath}");
            await using var stream = File.OpenRead(diffPath);
            text = await DiffInput.ReadBoundedAsync(stream, limits.MaxDiffBytes, ct);
        }
        return ChangeSetLoader.Load(workspace, UnifiedDiffParser.Parse(text), new DiffBaseTexts(), limits);
    }

    private static ReviewSeverity? Threshold(string name) => name switch
    {
        "note" => ReviewSeverity.Note,
        "warning" => ReviewSeverity.Warning,
        "error" => ReviewSeverity.Error,
        _ => null,
    };

    private static ToolInfo Tool()
    {
        var version = typeof(ReviewCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return new ToolInfo("llamacode", version.Split('+')[0]);
    }
}
