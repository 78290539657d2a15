using Microsoft.CodeAnalysis;

namespace LlamaCode.Completion.CSharp;

/// <summary>
/// A workspace's C# code as one loader produced it: the solution, which document each workspace file is, and which
/// project owns each folder (for files that appear later). <see cref="CSharpWorkspace"/> keeps it current from edits.
/// </summary>
/// <param name="DocumentIdByFile">workspace-relative path → its document (one per file, also when several projects compile it)</param>
/// <param name="ProjectFileByDirectory">workspace-relative folder → the workspace-relative project file that owns it</param>
/// <param name="LooseProject">the project of files under no project file, if any</param>
/// <param name="LoadedBy">how it was loaded, for logs: "msbuild" or "project files"</param>
public sealed record LoadedSolution(
    Solution Solution,
    IReadOnlyDictionary<string, DocumentId> DocumentIdByFile,
    IReadOnlyDictionary<string, string> ProjectFileByDirectory,
    ProjectId? LooseProject,
    string LoadedBy);
