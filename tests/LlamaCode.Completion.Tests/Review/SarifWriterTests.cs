using System.Text.Json;
using LlamaCode.Review;
using NJsonSchema;

namespace LlamaCode.Completion.Tests.Review;

public class SarifWriterTests
{
    /// <summary>The official SARIF 2.1.0 schema, checked in under Review/Schemas (see its README for the origin).</summary>
    public static async Task<JsonSchema> OfficialSchema() =>
        await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Review", "Schemas", "sarif-schema-2.1.0.json"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_output_is_valid_against_the_official_sarif_2_1_0_schema(bool hostile)
    {
        var sarif = SampleReports.Render(new SarifWriter(), hostile ? SampleReports.Hostile() : SampleReports.Typical());

        var errors = (await OfficialSchema()).Validate(sarif);

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Fact]
    public async Task The_schema_check_itself_rejects_an_invalid_level()
    {
        var sarif = SampleReports.Render(new SarifWriter(), SampleReports.Typical()).Replace("\"level\": \"error\"", "\"level\": \"fatal\"");

        Assert.NotEmpty((await OfficialSchema()).Validate(sarif));
    }

    [Fact]
    public void Results_carry_rule_level_message_and_a_relative_location_and_rules_list_each_id_once()
    {
        using var document = JsonDocument.Parse(SampleReports.Render(new SarifWriter(), SampleReports.Typical()));
        var run = document.RootElement.GetProperty("runs")[0];

        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal(("llamacode", "0.1.0"), (driver.GetProperty("name").GetString(), driver.GetProperty("version").GetString()));
        Assert.Equal(["CS0029", ReviewFinding.ModelRuleId], driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var first = run.GetProperty("results")[0];
        Assert.Equal(("CS0029", 0, "error"), (first.GetProperty("ruleId").GetString(), first.GetProperty("ruleIndex").GetInt32(), first.GetProperty("level").GetString()));
        var location = first.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("src/a%20b.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(7, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(["error", "warning", "note"], run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("level").GetString()));
    }

    [Fact]
    public void Notes_are_tool_execution_notifications_of_the_invocation()
    {
        using var document = JsonDocument.Parse(SampleReports.Render(new SarifWriter(), SampleReports.Typical()));

        var notifications = document.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("toolExecutionNotifications");

        Assert.Equal(["skipped: binary file", "skipped \"../../etc/passwd\": the path leaves the workspace"],
            notifications.EnumerateArray().Select(n => n.GetProperty("message").GetProperty("text").GetString()));
    }
}
