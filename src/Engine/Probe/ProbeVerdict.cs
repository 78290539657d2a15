namespace LlamaCode.Engine.Probe;

/// <summary>
/// What the first-load probe found. <paramref name="Problem"/> is one line (null when it passed);
/// <paramref name="Deterministic"/> says whether the same file would fail the same way again (a crash or bad logits,
/// not a time or memory limit that a busy machine may hit), which decides whether the verdict is cached.
/// </summary>
public sealed record ProbeVerdict(string? Problem, bool Deterministic, double Milliseconds, bool FromCache = false)
{
    public bool Passed => Problem is null;

    public static ProbeVerdict Pass(double ms) => new(null, true, ms);
}
