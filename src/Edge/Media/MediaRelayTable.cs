using System.Collections.Concurrent;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Media;

/// <summary>The relays open on this edge, by the call they belong to; relays are transient edge state.</summary>
public sealed class MediaRelayTable(RtpPortPool pool, EdgeMetrics metrics) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, MediaRelay> _relays = new(StringComparer.Ordinal);

    public int Count => _relays.Count;

    /// <summary>Opens a relay for the call, or returns the one already open; null when the port range is exhausted.</summary>
    public MediaRelay? Open(string callId)
    {
        if (_relays.TryGetValue(callId, out var existing))
        {
            return existing;
        }

        var caller = pool.Allocate();
        var callee = caller is null ? null : pool.Allocate();
        if (caller is null || callee is null)
        {
            caller?.Dispose();
            return null;
        }

        var relay = new MediaRelay(callId, caller, callee, metrics);
        if (!_relays.TryAdd(callId, relay))
        {
            _ = relay.DisposeAsync().AsTask();
            return _relays.GetValueOrDefault(callId);
        }

        metrics.RelayOpened();
        return relay;
    }

    public MediaRelay? Find(string callId) => _relays.GetValueOrDefault(callId);

    /// <summary>Closes the call's relay and returns its ports to the pool.</summary>
    public async ValueTask CloseAsync(string callId)
    {
        if (_relays.TryRemove(callId, out var relay))
        {
            metrics.RelayClosed();
            await relay.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var callId in _relays.Keys)
        {
            await CloseAsync(callId);
        }
    }
}
