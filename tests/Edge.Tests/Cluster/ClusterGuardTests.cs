using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Tests.Cluster;

public sealed class ClusterGuardTests
{
    private readonly ClusterConnectivity _connectivity = new();

    [Fact]
    public async Task Once_GrainCallNeverAnswers_FailsAsUnavailableAfterTimeout()
    {
        var clock = new FakeTimeProvider();
        var guard = Guard(clock);
        var never = new TaskCompletionSource<int>();

        var call = guard.OnceAsync(_ => never.Task, CancellationToken.None);
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => call);
    }

    [Fact]
    public async Task Once_TransientFailure_IsNotRetried()
    {
        var guard = Guard(TimeProvider.System);
        var calls = 0;

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => guard.OnceAsync<int>(
            _ =>
            {
                calls++;
                throw new SiloUnavailableException();
            },
            CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Idempotent_TransientThenSuccess_Retries()
    {
        var guard = Guard(TimeProvider.System);
        var calls = 0;

        var result = await guard.IdempotentAsync(
            _ => ++calls == 1 ? Task.FromException<int>(new TimeoutException()) : Task.FromResult(42),
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Once_RepeatedTimeouts_OpenBreakerAndLaterCallsFailWithoutReachingCluster()
    {
        var guard = Guard(TimeProvider.System);
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ClusterUnavailableException>(() => guard.OnceAsync<int>(_ => throw new TimeoutException(), CancellationToken.None));
        }

        var reached = false;
        var rejected = await Assert.ThrowsAsync<ClusterUnavailableException>(() => guard.OnceAsync(
            _ =>
            {
                reached = true;
                return Task.FromResult(1);
            },
            CancellationToken.None));

        Assert.False(reached);
        Assert.False(guard.IsAvailable);
        Assert.Contains("circuit", rejected.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Idempotent_RejectedUntilTheCrashedSiloIsDeclaredDead_KeepsRetrying()
    {
        var guard = Guard(TimeProvider.System);
        var calls = 0;

        var result = await guard.IdempotentAsync(
            _ => ++calls <= 5 ? Task.FromException<int>(new SiloUnavailableException()) : Task.FromResult(42),
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(6, calls);
    }

    [Fact]
    public async Task Idempotent_RepeatedTimeouts_GivesUpAfterTwoRetries()
    {
        var guard = Guard(TimeProvider.System);
        var calls = 0;

        await Assert.ThrowsAsync<ClusterUnavailableException>(() => guard.IdempotentAsync<int>(
            _ =>
            {
                calls++;
                throw new TimeoutException();
            },
            CancellationToken.None));

        Assert.Equal(3, calls);
    }

    /// <summary>
    /// After a silo crash, calls to its grains are refused at once until it is declared dead, while calls to grains on
    /// the other silos succeed: the breaker must stay closed for them.
    /// </summary>
    [Fact]
    public async Task Once_FastRejectionsFromACrashedSilo_DoNotOpenBreaker()
    {
        var guard = Guard(TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<ClusterUnavailableException>(() => guard.OnceAsync<int>(_ => throw new SiloUnavailableException(), CancellationToken.None));
            await Assert.ThrowsAsync<ClusterUnavailableException>(() => guard.OnceAsync<int>(
                _ => throw new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect"), CancellationToken.None));
        }

        Assert.True(guard.IsAvailable);
        Assert.Equal(1, await guard.OnceAsync(_ => Task.FromResult(1), CancellationToken.None));
    }

    [Fact]
    public async Task Once_ClusterMarkedUnreachable_FailsAtOnce()
    {
        var guard = Guard(TimeProvider.System);
        _connectivity.Report(reachable: false);

        var reached = false;
        await Assert.ThrowsAsync<ClusterUnavailableException>(() => guard.OnceAsync(
            _ =>
            {
                reached = true;
                return Task.FromResult(1);
            },
            CancellationToken.None));

        Assert.False(reached);
        Assert.False(guard.IsAvailable);
    }

    [Fact]
    public async Task Once_ApplicationException_PassesThroughUnchanged()
    {
        var guard = Guard(TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => guard.OnceAsync<int>(_ => throw new InvalidOperationException("grain said no"), CancellationToken.None));

        Assert.True(guard.IsAvailable);
    }

    private ClusterGuard Guard(TimeProvider clock) => new(
        Options.Create(new SipOptions { ClusterTimeoutMilliseconds = 200, RetryAfterSeconds = 5 }),
        _connectivity,
        clock);
}
