namespace LlamaCode.LanguageServer.Tests.Server;

/// <summary>Notifications race responses: waits (boundedly) for a condition to hold, then asserts it.</summary>
public static class TestWait
{
    public static async Task Until(Func<bool> condition, int timeoutMs = 5000)
    {
        for (var waited = 0; waited < timeoutMs && !condition(); waited += 50) await Task.Delay(50);
        Assert.True(condition());
    }
}
