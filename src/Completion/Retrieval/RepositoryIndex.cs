using System.Diagnostics;
using LlamaCode.Completion.Workspace;

namespace LlamaCode.Completion.Retrieval;

/// <summary>
/// The searchable chunks of a workspace: built once in the background, then kept current a file at a time
/// (editor changes, file watcher events). Thread-safe: searches share a read lock and run while a build is in
/// progress; updates take the write lock only to swap a file's chunks, which are computed before.
/// </summary>
/// <remarks>
/// Search leaves out the current file entirely: the prompt already holds the text around the cursor, and the
/// rest of the file is not worth the risk of repeating it. A file changed through <see cref="UpdateDocument"/>
/// or <see cref="RefreshFromDisk"/> while a build runs keeps that text. <see cref="RefreshFromDisk"/> replaces
/// what <see cref="UpdateDocument"/> gave: the caller should not refresh a file the editor holds unsaved. A changed .gitignore is not
/// re-applied to files already indexed (until the next build).
/// </remarks>
public sealed class RepositoryIndex
{
    private readonly WorkspaceFiles files;
    private readonly RepositoryIndexOptions options;
    private readonly RecencyTracker recency;
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);

    // Guarded by gate.
    private readonly Bm25Index bm25 = new();
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SkipReason> skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> changedAt = new(StringComparer.Ordinal);
    private long version;
    private TimeSpan? buildTime;

    public RepositoryIndex(WorkspaceFiles files, RepositoryIndexOptions? options = null)
    {
        this.files = files;
        this.options = options ?? new RepositoryIndexOptions();
        recency = new RecencyTracker(this.options);
    }

    /// <summary>Reads and chunks every file of the workspace, reporting files done out of the total.</summary>
    public Task BuildAsync(IProgress<IndexProgress>? progress, CancellationToken ct) => Task.Run(() =>
    {
        var watch = Stopwatch.StartNew();
        // A file the editor or the watcher changes while the build runs keeps that text, whether the build
        // read the file before or after: what the disk held when the build read it is older.
        long startedAt = Interlocked.Read(ref version);
        var paths = files.EnumerateRelativePaths().ToList();
        int done = 0;
        progress?.Report(new IndexProgress(0, paths.Count));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct };
        Parallel.ForEach(paths, parallel, path =>
        {
            var (reason, text, chunks) = ReadAndChunk(path, ct);
            Apply(path, reason, text, chunks, onlyIfUnchangedSince: startedAt);
            progress?.Report(new IndexProgress(Interlocked.Increment(ref done), paths.Count));
        });
        WithWriteLock(() => buildTime = watch.Elapsed);
    }, ct);

    /// <summary>The editor's text of a file (opened, changed, saved): only that file is chunked again.</summary>
    public void UpdateDocument(string relativePath, string text)
    {
        var path = Normalize(relativePath);
        if (!IsIndexable(path)) return;
        if (text.Length > files.Options.MaxFileBytes)
        {
            Apply(path, SkipReason.TooLarge, null, null);
            return;
        }
        Apply(path, SkipReason.None, text, Chunker.Chunk(path, text, options.Chunking));
    }

    public void RemoveDocument(string relativePath)
    {
        var path = Normalize(relativePath);
        Apply(path, SkipReason.None, null, null);
        recency.Forget(path);
    }

    /// <summary>
    /// A file watcher saw <paramref name="relativePath"/> change: its text is read again, or the file leaves the
    /// index when it is gone, ignored, binary, too large or unreadable.
    /// </summary>
    public void RefreshFromDisk(string relativePath)
    {
        var path = Normalize(relativePath);
        var full = files.TryResolve(path);
        if (full is null || !File.Exists(full) || files.IsIgnored(path))
        {
            RemoveDocument(path);
            return;
        }
        var (reason, text, chunks) = ReadAndChunk(path, CancellationToken.None);
        Apply(path, reason, text, chunks);
    }

    public void MarkRecent(string relativePath, RecencyKind kind) => recency.Mark(Normalize(relativePath), kind);

    /// <summary>
    /// The chunks of other files most relevant to the text around the cursor: BM25 of the query terms
    /// (see <see cref="RepositoryIndexOptions"/>) plus a boost for recently used files; near-duplicates are
    /// dropped, the better kept. Ordered by score, then path, then line.
    /// </summary>
    public IReadOnlyList<RetrievedChunk> Search(RetrievalQuery query, int maxResults, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (maxResults <= 0) return [];
        var terms = QueryTerms.From(query, options);
        if (terms.Count == 0) return [];
        var current = Normalize(query.CurrentPath);
        List<(CodeChunk Chunk, double Score)> scored;
        gate.EnterReadLock();
        try { scored = bm25.Score(terms, excludedPath: current); }
        finally { gate.ExitReadLock(); }
        ct.ThrowIfCancellationRequested();

        var now = options.Clock.GetUtcNow();
        var boosts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < scored.Count; i++)
        {
            var (chunk, score) = scored[i];
            if (!boosts.TryGetValue(chunk.Path, out double boost)) boosts[chunk.Path] = boost = recency.Boost(chunk.Path, now);
            scored[i] = (chunk, score + boost);
        }
        return ResultSelection.Best(scored, maxResults, options.DuplicateJaccard)
            .Select(s => new RetrievedChunk(s.Chunk.Path, s.Chunk.StartLine, s.Chunk.EndLine, s.Chunk.Text, s.Score))
            .ToList();
    }

    /// <summary>The indexed files and their text (a copy), ordered by path: the candidates of <see cref="JaccardWindowRetriever"/>.</summary>
    public IReadOnlyList<(string Path, string Text)> IndexedFiles()
    {
        gate.EnterReadLock();
        try { return texts.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)).ToList(); }
        finally { gate.ExitReadLock(); }
    }

    public IndexStats Stats
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                var byReason = skipped.Values.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
                return new IndexStats(bm25.FileCount, bm25.ChunkCount, byReason, buildTime);
            }
            finally { gate.ExitReadLock(); }
        }
    }

    private (SkipReason, string?, IReadOnlyList<CodeChunk>?) ReadAndChunk(string path, CancellationToken ct)
    {
        var full = files.TryResolve(path);
        if (full is null) return (SkipReason.Unreadable, null, null);
        var reason = TextFile.TryRead(full, files.Options.MaxFileBytes, out var text);
        return reason == SkipReason.None ? (reason, text, Chunker.Chunk(path, text, options.Chunking, ct)) : (reason, null, null);
    }

    /// <summary>
    /// Swaps a file's chunks: <paramref name="chunks"/> null removes the file (recording <paramref name="reason"/>
    /// unless it is <see cref="SkipReason.None"/>). Skipped when the file changed after <paramref name="onlyIfUnchangedSince"/>.
    /// </summary>
    private void Apply(string path, SkipReason reason, string? text, IReadOnlyList<CodeChunk>? chunks, long? onlyIfUnchangedSince = null)
    {
        WithWriteLock(() =>
        {
            if (onlyIfUnchangedSince is { } since && changedAt.GetValueOrDefault(path, -1) > since) return;
            changedAt[path] = ++version;
            if (chunks is null || text is null)
            {
                bm25.RemoveFile(path);
                texts.Remove(path);
                if (reason == SkipReason.None) skipped.Remove(path);
                else skipped[path] = reason;
            }
            else
            {
                bm25.SetFile(path, chunks);
                texts[path] = text;
                skipped.Remove(path);
            }
        });
    }

    /// <summary>An indexed file was not ignored; any other is checked against the ignore files.</summary>
    private bool IsIndexable(string path)
    {
        gate.EnterReadLock();
        try { if (bm25.Contains(path) || skipped.ContainsKey(path)) return true; }
        finally { gate.ExitReadLock(); }
        return files.TryResolve(path) is not null && !files.IsIgnored(path);
    }

    private void WithWriteLock(Action action)
    {
        gate.EnterWriteLock();
        try { action(); }
        finally { gate.ExitWriteLock(); }
    }

    private static string Normalize(string path) => path.Replace('\\', '/').Trim('/');
}
