using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Cluster;

/// <summary>
/// Every grain call from the signalling path goes through here: a timeout shorter than Orleans' own response
/// timeout, one circuit breaker shared by all calls, and retries only for calls the caller declares idempotent,
/// because a timed-out grain call has an unknown outcome and Orleans never re-sends it (at-most-once). Hand-written
/// rather than a Polly pipeline: it runs several times per call, and the pipeline's async layers and pooled
/// cancellation sources were a fifth of the edge's CPU at load.
/// </summary>
public sealed class ClusterGuard
{
    private const int IdempotentAttempts = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly ClusterConnectivity _connectivity;
    private readonly ClusterBreaker _breaker;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public ClusterGuard(IOptions<SipOptions> options, ClusterConnectivity connectivity, TimeProvider timeProvider)
    {
        _connectivity = connectivity;
        _time = timeProvider;
        _timeout = TimeSpan.FromMilliseconds(options.Value.ClusterTimeoutMilliseconds);
        _breaker = new ClusterBreaker(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(options.Value.RetryAfterSeconds), timeProvider);
    }

    /// <summary>False while the breaker is open or the client has lost every gateway: answer 503 at once.</summary>
    public bool IsAvailable => _connectivity.IsReachable && !_breaker.IsOpen;

    /// <summary>A call that may run twice without harm (reads, refreshes keyed by a stable id).</summary>
    public Task<T> IdempotentAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(call, IdempotentAttempts, cancellationToken);

    /// <summary>A call that must not be repeated blindly (creates a call, changes state).</summary>
    public Task<T> OnceAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(call, 1, cancellationToken);

    public async Task OnceAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync(async ct => { await call(ct); return true; }, 1, cancellationToken);

    public async Task IdempotentAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync(async ct => { await call(ct); return true; }, IdempotentAttempts, cancellationToken);

    /// <summary>Runtime failures where the cluster, not the request, is the problem.</summary>
    public static bool IsTransient(Exception exception) => exception is TimeoutException
        or SiloUnavailableException
        or OrleansMessageRejectionException
        or GatewayTooBusyException
        or ConnectionFailedException;

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, int attempts, CancellationToken cancellationToken)
    {
        if (!_connectivity.IsReachable)
        {
            throw new ClusterUnavailableException("No gateway of the cluster is reachable");
        }

        for (var attempt = 1; ; attempt++)
        {
            if (_breaker.IsOpen)
            {
                throw new ClusterUnavailableException("Cluster circuit is open");
            }

            try
            {
                // A grain call does not observe a token: the wait itself is what times out.
                var result = await call(cancellationToken).WaitAsync(_timeout, _time, cancellationToken);
                _breaker.Success();
                return result;
            }
            catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                _breaker.Failure();
                if (attempt >= attempts || _breaker.IsOpen)
                {
                    throw new ClusterUnavailableException($"Cluster call failed: {ex.GetType().Name}", ex);
                }
            }

            // Exponential with jitter, as before: 100 ms, 200 ms (± 25 %).
            var delay = RetryDelay * (1 << (attempt - 1)) * (0.75 + (Random.Shared.NextDouble() / 2));
            await Task.Delay(delay, _time, cancellationToken);
        }
    }
}
