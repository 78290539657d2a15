using System.Text.RegularExpressions;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// What a project's SDK and its <c>Directory.Build.props</c> give every file without evaluating MSBuild: the implicit
/// global usings (the Web and Worker SDKs and MAUI add their own to the base set) and whether the ASP.NET Core shared
/// framework is referenced. Read from the project file's text and that of the nearest <c>Directory.Build.props</c>,
/// as MSBuild imports it; a property set in the project file wins over one set in the props.
/// </summary>
public sealed partial record ProjectSdk(bool ImplicitUsings, IReadOnlyList<string> ImplicitNamespaces, IReadOnlyList<string> GlobalUsings, bool AspNetCore)
{
    public const string BuildPropsName = "Directory.Build.props";

    // What <ImplicitUsings>enable</ImplicitUsings> adds, per SDK (Microsoft.NET.Sdk's own set is AdhocCompilation.SdkImplicitUsings).
    private static readonly string[] WorkerUsings =
        ["Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    private static readonly string[] WebUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", .. WorkerUsings,
    ];

    private static readonly string[] MauiUsings =
    [
        "Microsoft.Maui", "Microsoft.Maui.Controls", "Microsoft.Maui.Controls.Hosting", "Microsoft.Maui.Controls.Xaml", "Microsoft.Maui.Graphics",
        "Microsoft.Maui.Dispatching", "Microsoft.Maui.Hosting", "Microsoft.Maui.ApplicationModel", "Microsoft.Maui.Devices", "Microsoft.Maui.Storage",
        "Microsoft.Maui.Media", "Microsoft.Maui.Networking", "Microsoft.Maui.Accessibility", "Microsoft.Maui.Authentication",
    ];

    /// <param name="projectFileText">the .csproj's text</param>
    /// <param name="buildPropsText">the text of the nearest Directory.Build.props above it, or null</param>
    public static ProjectSdk Read(string projectFileText, string? buildPropsText)
    {
        var sdk = SdkAttribute().Match(projectFileText) is { Success: true } m ? m.Groups[1].Value : string.Empty;
        bool web = sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);
        bool worker = sdk.StartsWith("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase);
        var both = projectFileText + "\n" + buildPropsText;
        bool maui = UseMaui().IsMatch(both);
        var implicitUsings = Property(ImplicitUsingsProperty(), projectFileText) ?? Property(ImplicitUsingsProperty(), buildPropsText ?? string.Empty);
        bool on = implicitUsings is { } v && (v.Equals("enable", StringComparison.OrdinalIgnoreCase) || v.Equals("true", StringComparison.OrdinalIgnoreCase));
        var namespaces = new List<string>(AdhocCompilation.SdkImplicitUsings);
        if (web) namespaces.AddRange(WebUsings);
        else if (worker) namespaces.AddRange(WorkerUsings);
        if (maui) namespaces.AddRange(MauiUsings);
        var usings = UsingItems().Matches(both).Select(u => u.Groups[1].Value.Trim()).Where(u => u.Length > 0).Distinct().ToList();
        bool aspNetCore = web || AspNetCoreFrameworkReference().IsMatch(both);
        return new ProjectSdk(on, on ? namespaces.Distinct().ToList() : [], usings, aspNetCore);
    }

    private static string? Property(Regex property, string text) =>
        property.Matches(text).LastOrDefault() is { } m ? m.Groups[1].Value.Trim() : null;

    [GeneratedRegex("<Project\\s[^>]*Sdk\\s*=\\s*\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SdkAttribute();

    [GeneratedRegex(@"<ImplicitUsings>\s*([^<]*?)\s*</ImplicitUsings>", RegexOptions.IgnoreCase)]
    private static partial Regex ImplicitUsingsProperty();

    [GeneratedRegex(@"<UseMaui>\s*true\s*</UseMaui>", RegexOptions.IgnoreCase)]
    private static partial Regex UseMaui();

    [GeneratedRegex("<FrameworkReference\\s+Include\\s*=\\s*\"Microsoft\\.AspNetCore\\.App\"", RegexOptions.IgnoreCase)]
    private static partial Regex AspNetCoreFrameworkReference();

    [GeneratedRegex("<Using\\s+Include\\s*=\\s*\"([^\"$]+)\"\\s*/>", RegexOptions.IgnoreCase)]
    private static partial Regex UsingItems();
}
