namespace Switchboard.Edge.Tests.Hosting;

/// <summary>Interface methods that await, the shape of grain methods, for the precompiler's tests.</summary>
public sealed class PrecompiledSample : ISampleCounter
{
    public async Task<int> CountAsync(int value)
    {
        await Task.Yield();
        return value + 1;
    }

    public async Task TouchAsync(int[] counter)
    {
        await Task.Yield();
        counter[0]++;
    }

    public async Task<T> EchoAsync<T>(T value)
        where T : class
    {
        await Task.Yield();
        return value;
    }
}
