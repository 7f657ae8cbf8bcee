namespace Switchboard.Grains.Tenants;

/// <summary>A direct inward dialling number (digits, E.164 without '+') routed to an extension of the tenant.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.Did")]
public sealed record Did(
    [property: Id(0)] string Number,
    [property: Id(1)] string Extension);
