namespace LlamaCode.DevTools.Bench;

/// <summary>An edit of the document: replace <see cref="Length"/> characters at <see cref="Offset"/> with <see cref="Text"/>.</summary>
public sealed record TraceEdit(int Offset, int Length, string Text);

/// <summary>
/// One step: an edit, then an inline request at the cursor. <see cref="CancelAfterMs"/> cancels the request
/// ($/cancelRequest) after that delay; <see cref="Overlapped"/> sends the next step without waiting for this answer,
/// so that the next request supersedes it.
/// </summary>
public sealed record TraceStep(TraceEdit Edit, int Cursor, int? CancelAfterMs, bool Overlapped);

/// <summary>
/// A seeded, realistic editing session: mostly typing at the cursor, some deleting, jumps to other lines, pasted
/// lines (some with non-ASCII text); with cancelled and overlapping requests. A pure function of its inputs.
/// </summary>
public static class StressTrace
{
    private const string Typed = "abcdefghijklmnopqrstuvwxyz_ ().;=+0123456789";
    private static readonly string[] Pasted = ["var total = 0;\n", "// naïve café ☕ 😀\n", "if (count > 0) return;\n", "\tlist.Add(item);\n"];

    public static IReadOnlyList<TraceStep> Build(string document, int requests, int seed, double cancelShare = 0.1, double overlapShare = 0.1)
    {
        var rng = new Random(seed);
        var steps = new List<TraceStep>(requests);
        var text = document;
        var cursor = LineEnd(text, text.Length / 2);
        for (var i = 0; i < requests; i++)
        {
            var roll = rng.NextDouble();
            TraceEdit edit;
            int newCursor;
            if (roll < 0.80 || (roll < 0.90 && cursor == 0))
            {
                edit = new TraceEdit(cursor, 0, Typed[rng.Next(Typed.Length)].ToString());
                newCursor = cursor + 1;
            }
            else if (roll < 0.90)
            {
                var width = cursor >= 2 && char.IsLowSurrogate(text[cursor - 1]) ? 2 : 1; // never split a surrogate pair
                edit = new TraceEdit(cursor - width, width, "");
                newCursor = cursor - width;
            }
            else if (roll < 0.96)
            {
                var at = LineEnd(text, rng.Next(text.Length + 1));
                edit = new TraceEdit(at, 0, "\n");
                newCursor = at + 1;
            }
            else
            {
                var line = Pasted[rng.Next(Pasted.Length)];
                edit = new TraceEdit(LineStart(text, cursor), 0, line);
                newCursor = cursor + line.Length;
            }
            text = string.Concat(text.AsSpan(0, edit.Offset), edit.Text, text.AsSpan(edit.Offset + edit.Length));
            cursor = newCursor;
            var cancel = rng.NextDouble() < cancelShare ? rng.Next(0, 30) : (int?)null;
            var overlap = cancel is null && rng.NextDouble() < overlapShare;
            steps.Add(new TraceStep(edit, cursor, cancel, overlap));
        }
        return steps;
    }

    /// <summary>The document after every edit of <paramref name="steps"/>.</summary>
    public static string Apply(string document, IEnumerable<TraceStep> steps) =>
        steps.Aggregate(document, (t, s) => string.Concat(t.AsSpan(0, s.Edit.Offset), s.Edit.Text, t.AsSpan(s.Edit.Offset + s.Edit.Length)));

    private static int LineEnd(string text, int from)
    {
        var i = text.IndexOf('\n', Math.Min(from, text.Length));
        return i < 0 ? text.Length : i;
    }

    private static int LineStart(string text, int from) => from == 0 ? 0 : text.LastIndexOf('\n', from - 1) + 1;
}
