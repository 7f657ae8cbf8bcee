namespace Switchboard.Silo.Api.Auditing;

/// <summary>
/// Endpoint metadata: a GET that returns personal data (numbers called, phones' addresses). <see cref="AuditFilter"/>
/// records such reads as it records writes, so who looked at whose calls can be answered (GDPR Art. 30/32).
/// </summary>
public sealed class PersonalDataRead
{
    public static PersonalDataRead Instance { get; } = new();
}
