namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>The workspace folder's C# projects load in the background, by the loader the projectLoader setting names.</summary>
public sealed class WorkspaceLoadingTests
{
    [Theory]
    [InlineData("files", "1 C# projects (project files)")]
    [InlineData("msbuild", "1 C# projects (msbuild)")]
    public async Task The_projectLoader_setting_chooses_how_the_projects_load(string loader, string loaded)
    {
        var root = Path.Combine(Path.GetTempPath(), "llamacode-ws-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "Shop"));
        try
        {
            File.WriteAllText(Path.Combine(root, "Shop", "Shop.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
            File.WriteAllText(Path.Combine(root, "Shop", "Order.cs"), "namespace Shop;\npublic sealed class Order { }\n");
            await using var client = new LspClient(ScriptedBackend.Serving(ScriptedService.Fixed("x")));

            await client.InitializeAsync(new { projectLoader = loader }, rootUri: new Uri(root + "/").AbsoluteUri);

            await TestWait.Until(() => client.Stderr.ToString().Contains("C# documents"), timeoutMs: TestLimits.MachineBoundMs);
            Assert.Contains(loaded, client.Stderr.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
