using System.Diagnostics;
using LlamaCode.Completion.CSharp;

namespace LlamaCode.Completion.Tests.Support;

/// <summary>
/// A workspace with one project that references a NuGet package (Humanizer.Core), restored offline from the local
/// package folder: this repository's own restore puts Humanizer.Core there (Roslyn's MSBuild workspace depends on it),
/// so the restore reaches no network on any machine that built the tests.
/// </summary>
public sealed class RestoredPackageWorkspace : IDisposable
{
    public const string ProjectFile = "src/Shop/Shop.csproj";
    public const string OrderFile = "src/Shop/Order.cs";
    public const string OrderSource = "using Humanizer;\n\nnamespace Shop;\n\npublic sealed class Order\n{\n    public string Age(TimeSpan age) => age.Humanize();\n}\n";

    private readonly TempDirectory _dir = new();

    public RestoredPackageWorkspace()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = Directory.EnumerateDirectories(Path.Combine(packages, "humanizer.core"))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).First();
        _dir.Write(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Humanizer.Core" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        _dir.Write(OrderFile, OrderSource);
        Run(DotnetHost.Find() ?? "dotnet", "restore", Path.Combine(Root, ProjectFile), "--source", packages);
    }

    public string Root => _dir.Root;

    private static void Run(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed: {output.Result}{errors}");
    }

    public void Dispose() => _dir.Dispose();
}
