namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// One write through the API, or one read of personal data: who (key id and name, the tenant the key is bound to,
/// the source address), what (method, route template, the resource it touched or the query it ran, the status it
/// got), when. Request bodies are never recorded: they can carry passwords.
/// </summary>
public sealed record AuditEntry(
    long EntryId,
    DateTimeOffset At,
    string KeyId,
    string KeyName,
    string? TenantId,
    string Method,
    string Route,
    string Resource,
    int Status,
    string? SourceIp = null);
