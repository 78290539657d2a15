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

    // Guarded by gate. Only the editor's texts are held; a file read from disk keeps its content hash, and its
    // chunks' text is read again when a search returns them (see ChunkText).
    private readonly Bm25Index bm25 = new();
    private readonly Dictionary<string, (string Text, ContentHash Hash)> editorTexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiskVersion> diskVersions = new(StringComparer.Ordinal);
    private readonly FileTextCache recentFiles = new(maxChars: 4_000_000);
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
    public Task BuildAsync(IProgress<IndexProgress>? progress, CancellationToken ct) => Task.Run(async () =>
    {
        var watch = Stopwatch.StartNew();
        // A file the editor or the watcher changes while the build runs keeps that text, whether the build
        // read the file before or after: what the disk held when the build read it is older.
        long startedAt = Interlocked.Read(ref version);
        var paths = files.StartListing();
        int done = 0;
        progress?.Report(new IndexProgress(0, paths.Count));
        using var cache = options.CachePath is { } cachePath ? IndexCache.Open(cachePath, options.Log) : null;
        // Indexing must not starve the requests of an editor that is typing meanwhile: few threads, low priority.
        await BackgroundPriority.ForEachAsync(paths, options.MaxDegreeOfParallelism, path =>
        {
            Apply(path, ReadAndChunk(path, cache, ct), onlyIfUnchangedSince: startedAt);
            progress?.Report(new IndexProgress(Interlocked.Increment(ref done), paths.Count));
        }, ct).ConfigureAwait(false);
        if (cache is not null)
        {
            cache.PruneUnused();
            CacheStats = (cache.Hits, cache.Misses);
        }
        WithWriteLock(() =>
        {
            bm25.TrimExcess();
            buildTime = watch.Elapsed;
        });
    }, ct);

    /// <summary>How many files the last build read from the on-disk cache and how many it chunked (null without a cache).</summary>
    public (int Hits, int Misses)? CacheStats { get; private set; }

    /// <summary>The editor's text of a file (opened, changed, saved): only that file is chunked again.</summary>
    public void UpdateDocument(string relativePath, string text)
    {
        var path = Normalize(relativePath);
        if (!IsIndexable(path)) return;
        if (text.Length > files.Options.MaxFileBytes)
        {
            Apply(path, FileRead.Skipped(SkipReason.TooLarge));
            return;
        }
        Apply(path, new FileRead(SkipReason.None, ContentHash.Of(text), text, Chunker.Chunk(path, text, options.Chunking).Select(ToCached).ToList(), FromEditor: true));
    }

    public void RemoveDocument(string relativePath)
    {
        var path = Normalize(relativePath);
        Apply(path, FileRead.Skipped(SkipReason.None));
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
        Apply(path, ReadAndChunk(path, null, CancellationToken.None));
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
        List<(IndexedChunk Chunk, double Score)> scored;
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
        return ResultSelection.Best(scored, maxResults, options.DuplicateJaccard, ChunkText)
            .Select(s => new RetrievedChunk(s.Chunk.Path, s.Chunk.StartLine, s.Chunk.EndLine, s.Text, s.Score))
            .ToList();
    }

    /// <summary>
    /// The indexed files and their text, ordered by path, read one at a time (the editor's text, else the file as
    /// indexed): the candidates of <see cref="JaccardWindowRetriever"/>.
    /// </summary>
    public IEnumerable<(string Path, string Text)> IndexedFiles()
    {
        List<string> paths;
        gate.EnterReadLock();
        try { paths = bm25.Paths.Order(StringComparer.Ordinal).ToList(); }
        finally { gate.ExitReadLock(); }
        foreach (var path in paths)
            if (FileText(path) is { } text) yield return (path, text.ToString());
    }

    /// <summary>
    /// A chunk's text: from the editor's copy of its file, else from the file on disk when it still has the content
    /// it was indexed from (else null: the watcher's event that re-indexes it is on its way).
    /// </summary>
    private string? ChunkText(IndexedChunk chunk)
    {
        if (FileText(chunk.Path) is not { } text || chunk.EndLine >= text.Lines.Count) return null;
        return text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(text.Lines[chunk.StartLine].Start, text.Lines[chunk.EndLine].End));
    }

    private Microsoft.CodeAnalysis.Text.SourceText? FileText(string path)
    {
        DiskVersion indexed;
        gate.EnterReadLock();
        try
        {
            if (editorTexts.TryGetValue(path, out var editor)) return recentFiles.Get(path, editor.Hash, () => editor.Text);
            if (!diskVersions.TryGetValue(path, out indexed)) return null;
        }
        finally { gate.ExitReadLock(); }
        return recentFiles.Get(path, indexed.Hash, () =>
        {
            var full = files.TryResolve(path);
            if (full is null) return null;
            var stamp = DiskVersion.Of(full);
            if (TextFile.TryRead(full, files.Options.MaxFileBytes, out var read) != SkipReason.None) return null;
            // Size and time as indexed: the same content (as git decides); otherwise the content decides.
            return stamp == indexed.Stamp || ContentHash.Of(read) == indexed.Hash ? read : null;
        });
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

    /// <summary>What reading a file gave: why it was skipped, or its content hash and chunks (and the text when the editor's).</summary>
    private sealed record FileRead(SkipReason Reason, ContentHash Hash, string? EditorText, IReadOnlyList<CachedChunk>? Chunks, bool FromEditor,
        (long Length, DateTime WrittenUtc) Stamp = default)
    {
        public static FileRead Skipped(SkipReason reason) => new(reason, default, null, null, false);
    }

    /// <summary>What a file on disk was when it was indexed: its content hash, and its size and write time (checked first, cheaply).</summary>
    private readonly record struct DiskVersion(ContentHash Hash, (long Length, DateTime WrittenUtc) Stamp)
    {
        public static (long, DateTime) Of(string fullPath)
        {
            var info = new FileInfo(fullPath);
            return info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1, default);
        }
    }

    private FileRead ReadAndChunk(string path, IndexCache? cache, CancellationToken ct)
    {
        var full = files.TryResolve(path);
        if (full is null) return FileRead.Skipped(SkipReason.Unreadable);
        var stamp = DiskVersion.Of(full);
        var reason = TextFile.TryRead(full, files.Options.MaxFileBytes, out var text);
        if (reason != SkipReason.None) return FileRead.Skipped(reason);
        var hash = ContentHash.Of(text);
        var chunkingKey = ChunkingKey(path);
        if (cache?.TryGet(hash, chunkingKey) is { } cached) return new FileRead(SkipReason.None, hash, null, cached, false, stamp);
        var chunks = Chunker.Chunk(path, text, options.Chunking, ct);
        cache?.Put(hash, chunkingKey, chunks);
        return new FileRead(SkipReason.None, hash, null, chunks.Select(ToCached).ToList(), false, stamp);
    }

    /// <summary>What besides the content decides a file's chunks: its language and the chunking options.</summary>
    private string ChunkingKey(string path) => $"{(Chunker.IsCSharp(path) ? "cs" : "text")}|{options.Chunking}";

    private static CachedChunk ToCached(CodeChunk chunk) => new(chunk.StartLine, chunk.EndLine, chunk.Terms);

    /// <summary>
    /// Swaps a file's chunks: no chunks removes the file (recording the reason unless it is <see cref="SkipReason.None"/>).
    /// Skipped when the file changed after <paramref name="onlyIfUnchangedSince"/>.
    /// </summary>
    private void Apply(string path, FileRead read, long? onlyIfUnchangedSince = null)
    {
        WithWriteLock(() =>
        {
            if (onlyIfUnchangedSince is { } since && changedAt.GetValueOrDefault(path, -1) > since) return;
            changedAt[path] = ++version;
            editorTexts.Remove(path);
            diskVersions.Remove(path);
            if (read.Chunks is null)
            {
                bm25.RemoveFile(path);
                if (read.Reason == SkipReason.None) skipped.Remove(path);
                else skipped[path] = read.Reason;
            }
            else
            {
                bm25.SetFile(path, read.Chunks.Select(c => (c.StartLine, c.EndLine, c.Terms)).ToList());
                if (read.FromEditor) editorTexts[path] = (read.EditorText!, read.Hash);
                else diskVersions[path] = new DiskVersion(read.Hash, read.Stamp);
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
