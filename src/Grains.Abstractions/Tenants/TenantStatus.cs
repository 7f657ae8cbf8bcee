namespace Switchboard.Grains.Tenants;

[GenerateSerializer, Alias("Switchboard.TenantStatus")]
public enum TenantStatus
{
    Active = 0,

    /// <summary>No new calls or registrations (403); existing calls run to their end.</summary>
    Suspended = 1,
}
