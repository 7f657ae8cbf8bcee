using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Cluster;

/// <summary>
/// Every grain call from the signalling path goes through here: a timeout shorter than Orleans' own response
/// timeout, one circuit breaker shared by all calls, and retries only for calls the caller declares idempotent,
/// because a timed-out grain call has an unknown outcome and Orleans never re-sends it (at-most-once).
/// </summary>
public sealed class ClusterGuard
{
    private readonly ResiliencePipeline _once;
    private readonly ResiliencePipeline _idempotent;
    private readonly ClusterConnectivity _connectivity;
    private readonly CircuitBreakerStateProvider _breakerState = new();

    private const int RetriesAfterSlowFailure = 2;
    private const int RetriesAfterRejection = 8;

    public ClusterGuard(IOptions<SipOptions> options, ClusterConnectivity connectivity, TimeProvider timeProvider)
    {
        _connectivity = connectivity;
        var timeout = TimeSpan.FromMilliseconds(options.Value.ClusterTimeoutMilliseconds);
        _once = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Only slow failures open the breaker. Fast rejections (connection refused, silo unavailable) are what
                // calls to grains of a crashed silo get until it is declared dead; they cost nothing to wait for, and
                // counting them opened the breaker for every call, including those whose grains were alive.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsSlow),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(options.Value.RetryAfterSeconds),
                StateProvider = _breakerState,
            })
            .AddTimeout(timeout)
            .Build();
        _idempotent = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                // A fast rejection (a grain's silo crashed and is not yet declared dead) is retried for about 5 s,
                // which covers failure detection (docs/architecture.md, "Failure costs"): the caller waits instead of
                // getting 503. Slow failures are retried twice, as before, so a silent cluster still answers 503 soon.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                    && e is not BrokenCircuitException
                    && IsTransient(e)
                    && (args.AttemptNumber < RetriesAfterSlowFailure || !IsSlow(e))),
                MaxRetryAttempts = RetriesAfterRejection,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddPipeline(_once)
            .Build();
    }

    /// <summary>False while the breaker is open or the client has lost every gateway: answer 503 at once.</summary>
    public bool IsAvailable => _connectivity.IsReachable && _breakerState.CircuitState != CircuitState.Open;

    /// <summary>A call that may run twice without harm (reads, refreshes keyed by a stable id).</summary>
    public Task<T> IdempotentAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(_idempotent, call, cancellationToken);

    /// <summary>A call that must not be repeated blindly (creates a call, changes state).</summary>
    public Task<T> OnceAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(_once, call, cancellationToken);

    public async Task OnceAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync(_once, async ct => { await call(ct); return true; }, cancellationToken);

    public async Task IdempotentAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync(_idempotent, async ct => { await call(ct); return true; }, cancellationToken);

    /// <summary>Runtime failures where the cluster, not the request, is the problem.</summary>
    public static bool IsTransient(Exception exception) => exception is TimeoutException
        or TimeoutRejectedException
        or SiloUnavailableException
        or OrleansMessageRejectionException
        or GatewayTooBusyException
        or ConnectionFailedException;

    /// <summary>Failures that held the caller until a timeout, or a gateway shedding load: the cluster is overloaded or away.</summary>
    private static bool IsSlow(Exception exception) => exception is TimeoutException or TimeoutRejectedException or GatewayTooBusyException;

    private async Task<T> RunAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (!_connectivity.IsReachable)
        {
            throw new ClusterUnavailableException("No gateway of the cluster is reachable");
        }

        try
        {
            // Polly's timeout is cooperative; a grain call does not observe the token, so wait on it explicitly.
            return await pipeline.ExecuteAsync(
                static async (state, ct) => await state(ct).WaitAsync(ct),
                call,
                cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ClusterUnavailableException("Cluster circuit is open", ex);
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new ClusterUnavailableException($"Cluster call failed: {ex.GetType().Name}", ex);
        }
    }
}
