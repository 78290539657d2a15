namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>Notifications race responses: waits (boundedly) for a condition to hold, then asserts it.</summary>
public static class TestWait
{
    public static async Task Until(Func<bool> condition, int? timeoutMs = null)
    {
        var limit = timeoutMs ?? TestLimits.MachineBoundMs;
        for (var waited = 0; waited < limit && !condition(); waited += 50) await Task.Delay(50);
        Assert.True(condition());
    }
}
