using Microsoft.CodeAnalysis;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// ASP.NET Core's reference assemblies (with Microsoft.Extensions.Hosting, DependencyInjection, Configuration,
/// Logging), taken from the installed .NET SDK's targeting pack (packs/Microsoft.AspNetCore.App.Ref, the newest
/// version). Without them a web project's WebApplicationBuilder or IServiceCollection does not bind. Empty when no
/// SDK or pack is found; loaded once.
/// </summary>
public static class AspNetCoreReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> Loaded = new(Load);

    public static IReadOnlyList<MetadataReference> All => Loaded.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        try
        {
            if (DotnetHost.Find() is not { } dotnet) return [];
            var root = Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet)!;
            var pack = Path.Combine(root, "packs", "Microsoft.AspNetCore.App.Ref");
            if (!Directory.Exists(pack)) return [];
            var newest = Directory.GetDirectories(pack).Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                .Where(d => d.Version is not null).OrderByDescending(d => d.Version).FirstOrDefault().Dir;
            if (newest is null) return [];
            var refDir = Directory.GetDirectories(Path.Combine(newest, "ref")).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
            if (refDir is null) return [];
            return Directory.GetFiles(refDir, "*.dll").Order(StringComparer.Ordinal).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return [];
        }
    }
}
