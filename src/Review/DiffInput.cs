using System.Text;

namespace LlamaCode.Review;

/// <summary>Reads a diff from a stream, refusing more than a bounded number of bytes before holding them all.</summary>
public static class DiffInput
{
    public static async Task<string> ReadBoundedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken = default)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new ReviewInputException($"the diff is larger than {maxBytes / (1024 * 1024.0):0.#} MB (the limit of one review)");
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[3..];
        if (bytes.IndexOf((byte)0) >= 0) throw new ReviewInputException("the diff holds NUL bytes: not a text diff");
        return Encoding.UTF8.GetString(bytes);
    }
}
