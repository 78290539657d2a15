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
}
