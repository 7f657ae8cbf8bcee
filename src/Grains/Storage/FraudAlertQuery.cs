namespace Switchboard.Grains.Storage;

/// <summary>Fraud alerts, newest first, raised at or after <see cref="Since"/>. <see cref="TenantId"/> null lists all (operator only).</summary>
public sealed record FraudAlertQuery(
    string? TenantId,
    string? AccountId = null,
    DateTimeOffset? Since = null,
    int Limit = 100,
    int Offset = 0);
