using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace LlamaCode.Completion.Workspace;

/// <summary>
/// Background work (indexing the workspace) on a bounded number of threads of its own at low priority, so that on a
/// machine of two cores the requests of an editor that is typing are not starved by it. The threads end with the
/// work: a thread's niceness cannot be raised back without privileges, so no pool thread is ever lowered.
/// </summary>
public static class BackgroundPriority
{
    /// <summary>Runs <paramref name="action"/> on each item on <paramref name="degree"/> low-priority threads; rethrows the first failure.</summary>
    public static Task ForEachAsync<T>(IReadOnlyList<T> items, int degree, Action<T> action, CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<T>(items);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int threads = Math.Max(1, Math.Min(degree, items.Count));
        int running = threads;
        Exception? failure = null;
        for (int i = 0; i < threads; i++)
        {
            var thread = new Thread(() =>
            {
                Lower();
                try
                {
                    while (failure is null && !cancellationToken.IsCancellationRequested && queue.TryDequeue(out var item)) action(item);
                }
                catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
                if (Interlocked.Decrement(ref running) != 0) return;
                if (failure is not null) done.TrySetException(failure);
                else if (cancellationToken.IsCancellationRequested) done.TrySetCanceled(cancellationToken);
                else done.TrySetResult();
            }) { IsBackground = true, Name = "llamacode background", Priority = ThreadPriority.BelowNormal };
            thread.Start();
        }
        return done.Task;
    }

    /// <summary>On Linux, where .NET does not map thread priorities, the thread's nice value is raised by 10.</summary>
    private static void Lower()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { _ = SetPriority(0 /* PRIO_PROCESS: a thread id on Linux */, GetTid(), 10); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
