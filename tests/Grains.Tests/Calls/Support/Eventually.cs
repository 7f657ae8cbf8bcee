namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>Polls a condition until it holds or a bounded time passes; never an open-ended sleep.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Condition not met within {timeout ?? TimeSpan.FromSeconds(10)}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
