namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// One write through the API: who (key id and name, and the tenant the key is bound to), what (method, route
/// template, the resource it touched, the status it got), when. Request bodies are never recorded: they can carry
/// passwords.
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
    int Status);
