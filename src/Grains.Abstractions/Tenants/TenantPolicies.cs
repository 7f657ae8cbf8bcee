namespace Switchboard.Grains.Tenants;

/// <summary>
/// Call policies of a tenant. <see cref="RingTimeout"/>: unanswered calls end with 480 after it.
/// <see cref="MaxCallDuration"/>: answered calls are cut at it whatever the balance.
/// <see cref="OutboundAllowed"/>: false refuses calls to trunks with 403.
/// <see cref="DigestAlgorithms"/>: what the edge challenges the tenant's phones with, in order (null: MD5 only,
/// <see cref="Extensions.DigestPolicy"/>); an extension may override it.
/// <see cref="RecordingAllowed"/>: whether calls of the tenant may ever be recorded; each subscriber must also opt in
/// (<see cref="Extensions.ExtensionSettings.RecordingOptIn"/>). Off by default; no recording exists yet, so nothing
/// records today whatever these say (docs/privacy.md, recording consent).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TenantPolicies")]
public sealed record TenantPolicies(
    [property: Id(0)] TimeSpan RingTimeout,
    [property: Id(1)] TimeSpan MaxCallDuration,
    [property: Id(2)] bool OutboundAllowed,
    [property: Id(3)] IReadOnlyList<Extensions.DigestAlgorithm>? DigestAlgorithms = null,
    [property: Id(4)] bool RecordingAllowed = false)
{
    public static TenantPolicies Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(4), true);
}
