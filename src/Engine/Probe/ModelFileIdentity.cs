using System.Security.Cryptography;
using System.Text;

namespace LlamaCode.Engine.Probe;

/// <summary>
/// A model file as the verdict cache knows it: path, size, modification time and a hash of its header (metadata and
/// tensor infos, up to 64 MiB), so a file replaced in place, even with the same size and time, is probed again.
/// </summary>
public sealed record ModelFileIdentity(string Path, long Size, DateTime ModifiedUtc, string HeaderSha256)
{
    private const long MaxHeaderBytes = 64L << 20;

    /// <param name="headerBytes">Where the tensor data starts (the validator knows).</param>
    public static ModelFileIdentity Of(string fullPath, long headerBytes)
    {
        var info = new FileInfo(fullPath);
        using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long left = Math.Min(Math.Min(headerBytes, MaxHeaderBytes), info.Length);
        while (left > 0)
        {
            int n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            sha.AppendData(buffer, 0, n);
            left -= n;
        }
        return new ModelFileIdentity(fullPath, info.Length, info.LastWriteTimeUtc, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>The cache key: this identity plus what else decides the verdict (the natives, GPU offload).</summary>
    public string Key(string context) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Path}\n{Size}\n{ModifiedUtc.Ticks}\n{HeaderSha256}\n{context}")))[..32];
}
