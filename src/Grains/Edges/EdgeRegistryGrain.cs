using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Edges;

/// <summary>
/// One edge's observer, held in memory only; see <see cref="IEdgeRegistryGrain"/>. Nothing is persisted: after a
/// silo loss the edge's next refresh puts the observer back, and until then commands report "not delivered" so
/// call grains fall back to another edge or end calls on their own.
/// </summary>
public sealed partial class EdgeRegistryGrain(
    IOptions<CallControlOptions> options,
    TimeProvider time,
    ILogger<EdgeRegistryGrain> logger) : Grain, IEdgeRegistryGrain
{
    private readonly TimeSpan _refresh = options.Value.EdgeRefresh;
    private IEdgeObserver? _observer;
    private EdgeInfo? _info;
    private DateTimeOffset _expiresAt;
    private DateTimeOffset _lastSeen;
    private DateTimeOffset _activatedAt;
    private bool _unsubscribed;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    private TimeSpan ExpiresAfter => options.Value.EdgeExpiry;

    public Task<EdgeSubscription> Subscribe(EdgeInfo info, IEdgeObserver observer)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(observer);
        var isNew = _observer is null;
        _observer = observer;
        _info = info;
        _unsubscribed = false;
        _lastSeen = time.GetUtcNow();
        _expiresAt = _lastSeen + ExpiresAfter;
        GrainFactory.Grain<IEdgeRosterGrain>(0).Seen(this.GetPrimaryKeyString());
        if (isNew)
        {
            LogSubscribed(logger, this.GetPrimaryKeyString());
        }

        return Task.FromResult(new EdgeSubscription(_refresh, ExpiresAfter));
    }

    public Task Unsubscribe()
    {
        _observer = null;
        _info = null;
        _unsubscribed = true;
        _lastSeen = time.GetUtcNow();
        LogUnsubscribed(logger, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<bool> Deliver(EdgeCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Live() is not { } observer)
        {
            return Task.FromResult(false);
        }

        try
        {
            // One-way: returns once the message is handed to the messaging layer.
            _ = observer.Terminate(command);
            return Task.FromResult(true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDeliveryFailed(logger, this.GetPrimaryKeyString(), command.CallId, ex);
            _observer = null;
            return Task.FromResult(false);
        }
    }

    public Task<EdgeStatus> GetStatus()
    {
        var now = time.GetUtcNow();
        if (_observer is null && !_unsubscribed)
        {
            // Never heard from it in this activation: dead only once it had a full expiry period to refresh.
            var alive = now < _activatedAt + ExpiresAfter;
            return Task.FromResult(new EdgeStatus(alive, alive ? now : _activatedAt));
        }

        return Task.FromResult(new EdgeStatus(Live() is not null, _lastSeen));
    }

    public Task<EdgeInfo?> GetInfo() => Task.FromResult(Live() is null ? null : _info);

    private IEdgeObserver? Live() => _observer is not null && time.GetUtcNow() < _expiresAt ? _observer : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Edge {Edge} subscribed")]
    private static partial void LogSubscribed(ILogger logger, string edge);

    [LoggerMessage(Level = LogLevel.Information, Message = "Edge {Edge} unsubscribed")]
    private static partial void LogUnsubscribed(ILogger logger, string edge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Edge {Edge}: command for {CallId} not delivered")]
    private static partial void LogDeliveryFailed(ILogger logger, string edge, string callId, Exception exception);
}
