using System.Collections.Concurrent;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The calls whose grains live on this silo and hold a reservation. Call grains update their entry in memory at
/// each step that changes their lease; the <see cref="LeaseRenewer"/> turns the whole table into one message per
/// account and one per tenant every period, so what a call costs while it is up does not grow with its length.
/// </summary>
public sealed class LiveCallRegistry
{
    private readonly ConcurrentDictionary<string, LiveCall> _calls = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    public void Set(LiveCall call) => _calls[call.Lease.CallId] = call;

    public void Remove(string callId) => _calls.TryRemove(callId, out _);

    public IReadOnlyCollection<LiveCall> Snapshot() => [.. _calls.Values];
}
