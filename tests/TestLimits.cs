namespace LlamaCode.Tests;

/// <summary>
/// The one limit for waits on work whose length depends on the machine (a process start, a model load, a first
/// decode, a Roslyn compilation, a workspace load). It only catches a hang; it never measures speed, so it is
/// generous: on a busy 2-core machine such work takes many times longer than on a quiet one. Tests wait on the event
/// itself and use this limit only as the bound of that wait.
/// </summary>
public static class TestLimits
{
    public static readonly TimeSpan MachineBound = TimeSpan.FromMinutes(3);

    public static int MachineBoundMs => (int)MachineBound.TotalMilliseconds;
}
