namespace Switchboard.Silo.Api.Auditing;

/// <summary>The append-only record of API writes: PostgreSQL in a cluster, memory in the embedded node.</summary>
public interface IAuditLog
{
    /// <summary>Appends; <see cref="AuditEntry.EntryId"/> of the argument is ignored and assigned by the log.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Newest first, at most <paramref name="limit"/> entries with an id below <paramref name="beforeId"/> (when
    /// given), only entries of keys bound to <paramref name="tenantId"/> when that is given.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? tenantId, long? beforeId, int limit, CancellationToken cancellationToken);
}
