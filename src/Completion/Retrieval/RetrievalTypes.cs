using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Retrieval;

/// <summary>Where completion is asked for: the file, and its text before and after the cursor.</summary>
public sealed record RetrievalQuery(string CurrentPath, string Prefix, string Suffix);

/// <summary>A retrieved snippet: whole lines <paramref name="StartLine"/>..<paramref name="EndLine"/> (0-based, inclusive) of a file.</summary>
public sealed record RetrievedChunk(string Path, int StartLine, int EndLine, string Text, double Score);

/// <summary>How a file came to the user's attention; recent ones are boosted in search.</summary>
public enum RecencyKind { Opened, Edited, Viewed }

public sealed record IndexProgress(int FilesDone, int FilesTotal);

/// <summary>
/// What the index holds: files and chunks, files left out by reason (too large, binary, unreadable), and how long
/// the last <see cref="RepositoryIndex.BuildAsync"/> took (null before one completed).
/// </summary>
public sealed record IndexStats(int Files, int Chunks, IReadOnlyDictionary<SkipReason, int> Skipped, TimeSpan? BuildTime);
