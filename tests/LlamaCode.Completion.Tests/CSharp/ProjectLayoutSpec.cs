using LlamaCode.Completion.CSharp;

namespace LlamaCode.Completion.Tests.CSharp;

/// <summary>Which project each .cs file belongs to, read from project files without evaluating them.</summary>
public sealed class ProjectLayoutSpec
{
    [Fact]
    public void Files_belong_to_the_project_in_their_nearest_folder_and_the_rest_form_a_loose_project()
    {
        var shapes = ProjectLayout.Plan(
            ["src/App/Program.cs", "src/App/Sub/Helper.cs", "src/Lib/Lib.cs", "tools/Script.cs", "src/App/obj/Debug/Gen.cs"],
            new Dictionary<string, string>
            {
                ["src/App/App.csproj"] = """<Project><ItemGroup><ProjectReference Include="..\Lib\Lib.csproj" /><Using Include="System.Text" /></ItemGroup><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>""",
                ["src/Lib/Lib.csproj"] = "<Project><ProjectReference Include=\"../../../outside/X.csproj\" /></Project>",
            });
        var app = shapes.Single(s => s.Name == "App");
        Assert.Equal(["src/App/Program.cs", "src/App/Sub/Helper.cs"], app.Documents);
        Assert.Equal(["src/Lib/Lib.csproj"], app.ProjectReferences);
        Assert.True(app.ImplicitUsings);
        Assert.Equal(["System.Text"], app.GlobalUsings);
        var lib = shapes.Single(s => s.Name == "Lib");
        Assert.Empty(lib.ProjectReferences); // a reference that leaves the workspace is dropped
        var loose = shapes.Single(s => s.ProjectFile is null);
        Assert.Equal(["tools/Script.cs"], loose.Documents);
    }

    [Theory]
    // The base SDK's implicit usings, turned on by the nearest Directory.Build.props
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\" />", "<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>", true, "System.Linq", false)]
    // The Web SDK adds ASP.NET Core's namespaces and framework; multi-targeting changes neither
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks></PropertyGroup></Project>", "<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>", true, "Microsoft.AspNetCore.Builder", true)]
    // The Worker SDK adds the generic host's namespaces
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk.Worker\"><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>", null, true, "Microsoft.Extensions.Hosting", false)]
    // MAUI adds its own
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><UseMaui>true</UseMaui><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>", null, true, "Microsoft.Maui.Controls", false)]
    // A library that references the ASP.NET Core framework binds its types
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><FrameworkReference Include=\"Microsoft.AspNetCore.App\" /></ItemGroup></Project>", null, false, null, true)]
    // The project file overrides the props
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><ImplicitUsings>disable</ImplicitUsings></PropertyGroup></Project>", "<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>", false, null, true)]
    public void The_SDK_and_Directory_Build_props_say_what_every_file_imports(string project, string? props, bool implicitUsings, string? imported, bool aspNetCore)
    {
        var projectFiles = new Dictionary<string, string> { ["src/App/App.csproj"] = project };
        if (props is not null) projectFiles["Directory.Build.props"] = props;
        var app = Assert.Single(ProjectLayout.Plan(["src/App/Program.cs"], projectFiles));
        Assert.Equal(implicitUsings, app.ImplicitUsings);
        if (imported is not null) Assert.Contains(imported, app.ImplicitNamespaces!);
        else Assert.Empty(app.ImplicitNamespaces ?? []);
        Assert.Equal(aspNetCore, app.AspNetCore);
    }
}
