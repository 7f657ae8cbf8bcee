namespace Switchboard.Grains.Calls;

/// <summary>
/// What this silo's call grains have to tell their tenants' active-calls lists: lines of calls just answered and
/// ids of calls just ended, gathered per tenant until the <see cref="ActiveCallsFlusher"/> takes them. Two grain
/// messages per call to one grain per tenant became one message per tenant per flush.
/// </summary>
public sealed class ActiveCallsOutbox
{
    private static readonly IReadOnlyDictionary<string, TenantChanges> Nothing = new Dictionary<string, TenantChanges>();

    private readonly Lock _gate = new();
    private Dictionary<string, TenantChanges> _pending = new(StringComparer.Ordinal);

    public void Answered(ActiveCall line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate)
        {
            For(line.TenantId).Answered.Add(line);
        }
    }

    public void Ended(string tenantId, string callId)
    {
        lock (_gate)
        {
            For(tenantId).Ended.Add(callId);
        }
    }

    /// <summary>Everything gathered since the last call, per tenant; the outbox starts empty again.</summary>
    public IReadOnlyDictionary<string, TenantChanges> Drain()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                // Never the live dictionary: the flusher reads what it gets without the lock.
                return Nothing;
            }

            var drained = _pending;
            _pending = new Dictionary<string, TenantChanges>(StringComparer.Ordinal);
            return drained;
        }
    }

    private TenantChanges For(string tenantId)
    {
        if (!_pending.TryGetValue(tenantId, out var changes))
        {
            changes = new TenantChanges();
            _pending[tenantId] = changes;
        }

        return changes;
    }

    /// <summary>One tenant's answered lines and ended calls, in the order they happened within each list.</summary>
    public sealed class TenantChanges
    {
        public List<ActiveCall> Answered { get; } = [];

        public List<string> Ended { get; } = [];
    }
}
