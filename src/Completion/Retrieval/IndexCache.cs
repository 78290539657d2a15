using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace LlamaCode.Completion.Retrieval;

/// <summary>One chunk of a file as the cache keeps it: its lines and its term bag.</summary>
public sealed record CachedChunk(int StartLine, int EndLine, IReadOnlyCollection<KeyValuePair<string, int>> Terms);

/// <summary>
/// The repository index kept on disk between starts: each file's chunks (lines and term bags, no text), keyed by
/// the hash of the file's content and how it was chunked, so a restart reads them instead of parsing every file
/// again, and an edited file, whose hash is new, is chunked again. One SQLite database per workspace.
/// A database that cannot be read (corrupt, another format) is deleted and rebuilt, with a warning, never an error:
/// the cache only saves time.
/// </summary>
public sealed class IndexCache : IDisposable
{
    // Bump when the chunker or the stored format changes: old entries then no longer match.
    public const int FormatVersion = 1;

    private readonly object _gate = new();
    private readonly string _path;
    private readonly Action<string> _log;
    private SqliteConnection? _connection;
    private readonly List<(byte[] Key, byte[] Value)> _pendingWrites = [];
    private readonly HashSet<Guid> _used = [];

    private IndexCache(string path, Action<string> log)
    {
        _path = path;
        _log = log;
    }

    /// <summary>Hits and misses since opening (a second start of an unchanged workspace has no misses).</summary>
    public int Hits { get; private set; }
    public int Misses { get; private set; }

    /// <summary>Opens (or creates) the cache at <paramref name="path"/>; an unreadable file is rebuilt with a warning.</summary>
    public static IndexCache Open(string path, Action<string>? log = null)
    {
        var cache = new IndexCache(path, log ?? (_ => { }));
        DeleteStale(Path.GetDirectoryName(path)!, except: path);
        cache.Connect();
        return cache;
    }

    /// <summary>Workspaces not opened for this long lose their cache (a folder of caches must not grow without end).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(30);

    private static void DeleteStale(string dir, string except)
    {
        try
        {
            if (!Directory.Exists(dir)) return;
            foreach (var file in Directory.EnumerateFiles(dir, "*.db"))
                if (file != except && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleAfter)
                    foreach (var suffix in new[] { "", "-wal", "-shm" })
                        File.Delete(file + suffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The location of a workspace's cache: under <c>$LLAMACODE_CACHE_DIR</c>, else <c>~/.cache/llamacode/index</c>.</summary>
    public static string DefaultPathFor(string workspaceRoot)
    {
        var dir = Environment.GetEnvironmentVariable("LLAMACODE_CACHE_DIR") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "llamacode", "index");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(workspaceRoot));
        var key = ContentHash.Of(Path.GetFullPath(workspaceRoot)).ToString()[..12];
        return Path.Combine(dir, $"{name}-{key}.db");
    }

    private void Connect()
    {
        try
        {
            OpenAndCheck();
        }
        catch (Exception e) when (e is SqliteException or InvalidDataException or IOException)
        {
            _log($"index cache {_path} could not be read ({e.Message}); rebuilding it");
            Close();
            try
            {
                foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                    if (File.Exists(_path + suffix)) File.Delete(_path + suffix);
                OpenAndCheck();
            }
            catch (Exception again) when (again is SqliteException or IOException or UnauthorizedAccessException)
            {
                _log($"index cache {_path} is not usable ({again.Message}); indexing without it");
                Close();
            }
        }
    }

    private void OpenAndCheck()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        Execute("CREATE TABLE IF NOT EXISTS chunks (hash BLOB PRIMARY KEY, data BLOB NOT NULL)");
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT value FROM meta WHERE key = 'format'";
        var format = read.ExecuteScalar() as string;
        if (format != FormatVersion.ToString())
        {
            Execute("DELETE FROM chunks");
            Execute($"INSERT OR REPLACE INTO meta (key, value) VALUES ('format', '{FormatVersion}')");
        }
        // A file whose header is intact but whose pages are not fails here rather than on every lookup.
        using var check = _connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check";
        if (check.ExecuteScalar() as string != "ok") throw new InvalidDataException("integrity check failed");
    }

    /// <summary>The chunks of a file with this content and chunking, or null when they are not cached.</summary>
    public IReadOnlyList<CachedChunk>? TryGet(ContentHash content, string chunkingKey)
    {
        var key = Key(content, chunkingKey);
        lock (_gate)
        {
            if (_connection is null) return null;
            _used.Add(new Guid(key));
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT data FROM chunks WHERE hash = $hash";
                command.Parameters.AddWithValue("$hash", key);
                if (command.ExecuteScalar() is byte[] data)
                {
                    Hits++;
                    return Decode(data);
                }
            }
            catch (Exception e) when (e is SqliteException or InvalidDataException or EndOfStreamException)
            {
                _log($"index cache {_path}: an entry could not be read ({e.Message}); the file is chunked again");
            }
            Misses++;
            return null;
        }
    }

    /// <summary>Stores a file's chunks (written in batches; <see cref="Flush"/> writes the rest).</summary>
    public void Put(ContentHash content, string chunkingKey, IReadOnlyList<CodeChunk> chunks)
    {
        var value = Encode(chunks);
        lock (_gate)
        {
            if (_connection is null) return;
            _pendingWrites.Add((Key(content, chunkingKey), value));
            if (_pendingWrites.Count >= 256) FlushLocked();
        }
    }

    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    /// <summary>Deletes the entries that no lookup of this session asked for (files deleted or changed since).</summary>
    public void PruneUnused()
    {
        lock (_gate)
        {
            if (_connection is null) return;
            FlushLocked();
            try
            {
                using var transaction = _connection.BeginTransaction();
                Execute("CREATE TEMP TABLE IF NOT EXISTS used (hash BLOB PRIMARY KEY)");
                Execute("DELETE FROM used");
                using (var insert = _connection.CreateCommand())
                {
                    insert.CommandText = "INSERT OR IGNORE INTO used (hash) VALUES ($hash)";
                    var parameter = insert.Parameters.Add("$hash", SqliteType.Blob);
                    foreach (var key in _used)
                    {
                        parameter.Value = key.ToByteArray();
                        insert.ExecuteNonQuery();
                    }
                }
                Execute("DELETE FROM chunks WHERE hash NOT IN (SELECT hash FROM used)");
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                _log($"index cache {_path}: could not prune ({e.Message})");
            }
        }
    }

    private void FlushLocked()
    {
        if (_connection is null || _pendingWrites.Count == 0) return;
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT OR REPLACE INTO chunks (hash, data) VALUES ($hash, $data)";
            var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
            var data = insert.Parameters.Add("$data", SqliteType.Blob);
            foreach (var (key, value) in _pendingWrites)
            {
                hash.Value = key;
                data.Value = value;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            _log($"index cache {_path}: could not write ({e.Message}); going on without it");
            Close();
        }
        _pendingWrites.Clear();
    }

    private static byte[] Key(ContentHash content, string chunkingKey)
    {
        // The content's hash and how it was chunked (language, options) make the key.
        var combined = ContentHash.Of(content + "|" + chunkingKey);
        return combined.ToBytes();
    }

    private static byte[] Encode(IReadOnlyList<CodeChunk> chunks)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip))
        {
            writer.Write(chunks.Count);
            foreach (var chunk in chunks)
            {
                writer.Write(chunk.StartLine);
                writer.Write(chunk.EndLine);
                writer.Write(chunk.Terms.Count);
                foreach (var (term, count) in chunk.Terms)
                {
                    writer.Write(term);
                    writer.Write(count);
                }
            }
        }
        return buffer.ToArray();
    }

    private static IReadOnlyList<CachedChunk> Decode(byte[] data)
    {
        using var zip = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new BinaryReader(zip);
        int count = reader.ReadInt32();
        if (count < 0 || count > 1_000_000) throw new InvalidDataException("bad chunk count");
        var chunks = new CachedChunk[count];
        for (int i = 0; i < count; i++)
        {
            int start = reader.ReadInt32(), end = reader.ReadInt32(), terms = reader.ReadInt32();
            if (terms < 0 || terms > 1_000_000 || end < start) throw new InvalidDataException("bad chunk");
            var bag = new KeyValuePair<string, int>[terms];
            for (int t = 0; t < terms; t++) bag[t] = new(reader.ReadString(), reader.ReadInt32());
            chunks[i] = new CachedChunk(start, end, bag);
        }
        return chunks;
    }

    private void Execute(string sql)
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Close()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            FlushLocked();
            Close();
        }
    }
}
