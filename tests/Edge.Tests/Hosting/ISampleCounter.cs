namespace Switchboard.Edge.Tests.Hosting;

public interface ISampleCounter
{
    Task<int> CountAsync(int value);

    Task TouchAsync(int[] counter);

    Task<T> EchoAsync<T>(T value)
        where T : class;
}
