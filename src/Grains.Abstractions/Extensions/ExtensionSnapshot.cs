namespace Switchboard.Grains.Extensions;

/// <summary>An extension without secrets. <see cref="Realm"/> is the tenant SIP domain its HA1 was computed for.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ExtensionSnapshot")]
public sealed record ExtensionSnapshot(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Number,
    [property: Id(2)] ExtensionSettings Settings,
    [property: Id(3)] bool HasCredentials,
    [property: Id(4)] string Realm,
    [property: Id(5)] int ActiveBindings);
