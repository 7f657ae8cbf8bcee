namespace Switchboard.Grains.Extensions;

/// <summary>
/// What the edge needs to verify a digest response itself (RFC 3261 §22.4, RFC 8760): the realm and
/// HA1 = H(username:realm:password). The edge owns nonces and verification; HA1 crosses only the internal
/// cluster link and is never logged (<see cref="ToString"/> hides it).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ExtensionAuthentication")]
public sealed record ExtensionAuthentication(
    [property: Id(0)] AuthenticationStatus Status,
    [property: Id(1)] string Realm,
    [property: Id(2)] string? Ha1,
    [property: Id(3)] DateTimeOffset? LockedUntil)
{
    public override string ToString() =>
        $"ExtensionAuthentication {{ Status = {Status}, Realm = {Realm}, Ha1 = ***, LockedUntil = {LockedUntil:O} }}";
}
