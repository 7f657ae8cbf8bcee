namespace Switchboard.Grains.Extensions;

/// <summary>
/// What an operator sets on an extension. <see cref="AccountId"/> overrides the tenant's paying account;
/// <see cref="DigestAlgorithms"/>, when set, overrides the tenant's digest challenge (<see cref="DigestPolicy"/>), e.g.
/// SHA-256 for the one phone that supports it. <see cref="RecordingOptIn"/>: the subscriber consented to recording
/// (effective only where the tenant allows recording, <see cref="Tenants.TenantPolicies.RecordingAllowed"/>).
/// <see cref="EmergencyLocation"/>: where this phone is, by reference (<see cref="Emergency.GeolocationUri"/>), sent with
/// its emergency calls; null falls back to the tenant's <see cref="Emergency.EmergencyPolicy.Location"/>.
/// <see cref="Forwarding"/>: where its calls go instead of, or after, its phones (<see cref="CallForwarding"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ExtensionSettings")]
public sealed record ExtensionSettings(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] string? AccountId,
    [property: Id(3)] IReadOnlyList<DigestAlgorithm>? DigestAlgorithms = null,
    [property: Id(4)] bool RecordingOptIn = false,
    [property: Id(5)] string? EmergencyLocation = null,
    [property: Id(6)] CallForwarding? Forwarding = null);
