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
    /// <summary>Slow failures (timeouts) are retried twice, so a silent cluster still answers 503 soon.</summary>
    private const int RetriesAfterSlowFailure = 2;

    /// <summary>
    /// A fast rejection (a grain's silo crashed and is not yet declared dead) is retried for about 5 s, which covers
    /// failure detection (docs/architecture.md, "Failure costs"): the caller waits instead of getting 503.
    /// </summary>
    private const int RetriesAfterRejection = 8;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

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
        RunAsync(call, idempotent: true, cancellationToken);

    /// <summary>A call that must not be repeated blindly (creates a call, changes state).</summary>
    public Task<T> OnceAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(call, idempotent: false, cancellationToken);

    public async Task OnceAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync(async ct => { await call(ct); return true; }, idempotent: false, cancellationToken);

    public async Task IdempotentAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync(async ct => { await call(ct); return true; }, idempotent: true, cancellationToken);

    /// <summary>Runtime failures where the cluster, not the request, is the problem.</summary>
    public static bool IsTransient(Exception exception) => exception is TimeoutException
        or SiloUnavailableException
        or OrleansMessageRejectionException
        or GatewayTooBusyException
        or ConnectionFailedException;

    /// <summary>Failures that held the caller until a timeout, or a gateway shedding load: the cluster is overloaded or away.</summary>
    private static bool IsSlow(Exception exception) => exception is TimeoutException or GatewayTooBusyException;

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, bool idempotent, CancellationToken cancellationToken)
    {
        if (!_connectivity.IsReachable)
        {
            throw new ClusterUnavailableException("No gateway of the cluster is reachable");
        }

        for (var retry = 0; ; retry++)
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
                // Only slow failures open the breaker. Fast rejections are what calls to grains of a crashed silo get
                // until it is declared dead; counting them would open the breaker for calls whose grains are alive.
                var slow = IsSlow(ex);
                if (slow)
                {
                    _breaker.Failure();
                }

                var retryable = idempotent && (slow ? retry < RetriesAfterSlowFailure : retry < RetriesAfterRejection);
                if (!retryable || _breaker.IsOpen)
                {
                    throw new ClusterUnavailableException($"Cluster call failed: {ex.GetType().Name}", ex);
                }
            }

            // Exponential from 100 ms up to 1 s, with jitter (± 25 %).
            var backoff = RetryDelay * (1 << Math.Min(retry, 4));
            var delay = (backoff < MaxRetryDelay ? backoff : MaxRetryDelay) * (0.75 + (Random.Shared.NextDouble() / 2));
            await Task.Delay(delay, _time, cancellationToken);
        }
    }
}
