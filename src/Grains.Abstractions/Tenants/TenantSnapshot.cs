namespace Switchboard.Grains.Tenants;

/// <summary>
/// A tenant's configuration without secrets. <see cref="Version"/> grows with every change.
/// <c>Settings.Policies.OutboundAllowed</c> is what calls obey: false while <see cref="OutboundBlock"/> is set,
/// whatever the tenant chose. <see cref="FraudWebhookUrl"/> is where the tenant hears of fraud locks (its secret
/// stays in the grain). <see cref="Emergency"/>: null until an operator sets one, and then
/// <see cref="Emergency.EmergencyPolicy.Default"/> applies.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TenantSnapshot")]
public sealed record TenantSnapshot(
    [property: Id(0)] string TenantId,
    [property: Id(1)] TenantSettings Settings,
    [property: Id(2)] IReadOnlyList<Trunk> Trunks,
    [property: Id(3)] IReadOnlyList<Did> Dids,
    [property: Id(4)] long Version,
    [property: Id(5)] OutboundBlock? OutboundBlock = null,
    [property: Id(6)] Uri? FraudWebhookUrl = null,
    [property: Id(7)] Emergency.EmergencyPolicy? Emergency = null);
