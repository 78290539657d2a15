using LlamaCode.Review;

namespace LlamaCode.Completion.Tests.Review;

public class IntroducedDiagnosticsTests
{
    private const string Base = """
        class C
        {
            void M()
            {
                int unused;
            }
        }

        """;

    private static IReadOnlyList<ReviewFinding> Introduced(string baseText, string headText, IReadOnlyDictionary<string, string>? others = null)
    {
        var change = Assert.Single(UnifiedDiffParser.Parse(LineDiff.Unified("src/C.cs", baseText, headText)));
        var head = new Dictionary<string, string>(others ?? new Dictionary<string, string>()) { ["src/C.cs"] = headText };
        return IntroducedDiagnostics.Find(head, [new ChangedFile(change, headText, baseText, BaseKnown: true)], implicitUsings: false);
    }

    [Fact]
    public void An_added_type_error_is_reported_on_its_line_and_the_pre_existing_warning_is_not()
    {
        var head = Base.Replace("        int unused;\n", "        int unused;\n        int x = \"s\";\n");

        var finding = Assert.Single(Introduced(Base, head), f => f.RuleId == "CS0029");

        Assert.Equal(("src/C.cs", 6, ReviewSeverity.Error, FindingSource.Compiler), (finding.Path, finding.Line, finding.Severity, finding.Source));
        Assert.DoesNotContain(Introduced(Base, head), f => f.RuleId == "CS0168");
    }

    [Fact]
    public void A_pre_existing_warning_moved_down_by_an_insertion_above_is_not_reported()
    {
        var head = Base.Replace("    {\n        int unused;", "    {\n        System.Console.WriteLine();\n        int unused;");

        Assert.Empty(Introduced(Base, head));
    }

    [Fact]
    public void A_pre_existing_warning_on_a_rewritten_line_is_not_reported_but_a_second_equal_one_is()
    {
        var rewritten = Base.Replace("        int unused;", "        int  unused ;");
        var twice = Base.Replace("    void M()", "    void N() { int unused; }\n    void M()");

        Assert.Empty(Introduced(Base, rewritten));
        Assert.Equal([("CS0168", 3)], Introduced(Base, twice).Select(f => (f.RuleId, f.Line)));
    }

    [Fact]
    public void Other_files_of_the_workspace_take_part_in_the_compilation()
    {
        var head = Base.Replace("        int unused;", "        int unused;\n        int n = Helper.Name;");
        var others = new Dictionary<string, string> { ["src/Helper.cs"] = "static class Helper { public static string Name => \"h\"; }" };

        Assert.Equal(["CS0029"], Introduced(Base, head, others).Select(f => f.RuleId));
    }

    [Fact]
    public void A_file_whose_base_is_unknown_gets_no_compiler_findings()
    {
        var head = Base.Replace("        int unused;", "        int x = \"s\";");
        var change = Assert.Single(UnifiedDiffParser.Parse(LineDiff.Unified("src/C.cs", Base, head)));

        Assert.Empty(IntroducedDiagnostics.Find(new Dictionary<string, string> { ["src/C.cs"] = head },
            [new ChangedFile(change, head, null, BaseKnown: false)], implicitUsings: false));
    }
}
