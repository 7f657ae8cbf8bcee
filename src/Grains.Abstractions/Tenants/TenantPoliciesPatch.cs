namespace Switchboard.Grains.Tenants;

/// <summary>
/// A change to some of a tenant's policies: a null member keeps what is stored (so a partial update never switches
/// outbound calling back on by omission). <see cref="DigestAlgorithms"/> null keeps the list, empty goes back to the
/// default (MD5 only).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TenantPoliciesPatch")]
public sealed record TenantPoliciesPatch(
    [property: Id(0)] TimeSpan? RingTimeout = null,
    [property: Id(1)] TimeSpan? MaxCallDuration = null,
    [property: Id(2)] bool? OutboundAllowed = null,
    [property: Id(3)] IReadOnlyList<Extensions.DigestAlgorithm>? DigestAlgorithms = null,
    [property: Id(4)] bool? RecordingAllowed = null)
{
    public static TenantPoliciesPatch None { get; } = new();

    public TenantPolicies ApplyTo(TenantPolicies current) => new(
        RingTimeout ?? current.RingTimeout,
        MaxCallDuration ?? current.MaxCallDuration,
        OutboundAllowed ?? current.OutboundAllowed,
        DigestAlgorithms is null ? current.DigestAlgorithms : DigestAlgorithms.Count == 0 ? null : DigestAlgorithms,
        RecordingAllowed ?? current.RecordingAllowed);
}
