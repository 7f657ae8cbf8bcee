namespace Switchboard.Silo.Api.Auditing;

/// <summary>The embedded node's audit log; same semantics as PostgreSQL, gone when the process ends.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _entries = [];

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _entries.Add(entry with { EntryId = _entries.Count + 1 });
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? tenantId, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<AuditEntry> page =
            [
                .. Enumerable.Reverse(_entries)
                    .Where(e => (tenantId is null || e.TenantId == tenantId) && (beforeId is null || e.EntryId < beforeId))
                    .Take(limit),
            ];
            return Task.FromResult(page);
        }
    }
}
