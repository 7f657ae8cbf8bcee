namespace Switchboard.Grains.Emergency;

/// <summary>
/// How a tenant's emergency calls are placed (docs/call-control.md, emergency calls). Only an operator sets it: a number
/// listed here is routed unbilled past every credit and fraud check, so a tenant must not be able to list its own.
/// <see cref="Country"/>: ISO 3166-1 alpha-2; its numbers (<see cref="EmergencyNumbers"/>) are emergency numbers, as
/// are the extra <see cref="Numbers"/>. <see cref="TrunkId"/>: the trunk tried first; the tenant's other enabled trunks
/// follow, since a call that reaches nobody is the one outcome worse than a call on the wrong carrier.
/// <see cref="CallbackNumber"/>: the number presented (E.164 digits) for an extension without a DID of its own.
/// <see cref="Location"/>: the site's location by reference (RFC 6442), for extensions that set none.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.EmergencyPolicy")]
public sealed record EmergencyPolicy(
    [property: Id(0)] string? Country,
    [property: Id(1)] IReadOnlyList<string> Numbers,
    [property: Id(2)] string? TrunkId,
    [property: Id(3)] string? CallbackNumber,
    [property: Id(4)] string? Location)
{
    /// <summary>What a tenant has until an operator sets a policy: 112 and 911, on the tenant's trunks.</summary>
    public static EmergencyPolicy Default { get; } = new(null, [], null, null, null);

    /// <summary>
    /// Whether <paramref name="dialled"/> (the Request-URI's user part, as dialled) is an emergency number. Exact match:
    /// "1120" is an ordinary number. Runs for every call an extension places, so it allocates nothing.
    /// </summary>
    public bool IsEmergencyNumber(string dialled)
    {
        foreach (var number in EmergencyNumbers.For(Country))
        {
            if (string.Equals(number, dialled, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var number in Numbers)
        {
            if (string.Equals(number, dialled, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
