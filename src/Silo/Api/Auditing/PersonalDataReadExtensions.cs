namespace Switchboard.Silo.Api.Auditing;

/// <summary>Marks an endpoint as a read of personal data, recorded in the audit log (<see cref="PersonalDataRead"/>).</summary>
public static class PersonalDataReadExtensions
{
    public static RouteHandlerBuilder AuditReads(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(PersonalDataRead.Instance);
}
