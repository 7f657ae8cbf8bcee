namespace Switchboard.Grains.Tenants;

/// <summary>
/// Digest credentials the edge uses to answer a carrier's 401/407 (RFC 3261 §22.2). The password is stored
/// in clear in grain state because a digest response must be computed from it; it never appears in
/// <see cref="ToString"/> so a logged record does not leak it. <see cref="DigestAlgorithms"/> is the trunk's
/// choice of which challenges to answer, filled in by <see cref="ITenantGrain.GetTrunkCredentials"/> (not stored here).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TrunkCredentials")]
public sealed record TrunkCredentials(
    [property: Id(0)] string Username,
    [property: Id(1)] string Password,
    [property: Id(2)] IReadOnlyList<Extensions.DigestAlgorithm>? DigestAlgorithms = null)
{
    public override string ToString() => $"TrunkCredentials {{ Username = {Username}, Password = *** }}";
}
