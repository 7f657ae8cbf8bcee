using Switchboard.Grains.Emergency;

namespace Switchboard.Silo.Api.Emergency;

/// <summary>
/// A tenant's emergency policy as the API shows it. <see cref="EmergencyNumbers"/> is what its extensions can dial
/// as an emergency call: the country's built-in numbers and the extra ones. <see cref="Configured"/> is false while
/// the default (112 and 911, any trunk) applies.
/// </summary>
public sealed record EmergencyView(
    bool Configured,
    string? Country,
    IReadOnlyList<string> Numbers,
    IReadOnlyList<string> EmergencyNumbers,
    string? TrunkId,
    string? CallbackNumber,
    string? Location)
{
    public static EmergencyView From(EmergencyPolicy? stored)
    {
        var policy = stored ?? EmergencyPolicy.Default;
        return new EmergencyView(
            stored is not null, policy.Country, policy.Numbers,
            [.. Grains.Emergency.EmergencyNumbers.For(policy.Country).Concat(policy.Numbers)],
            policy.TrunkId, policy.CallbackNumber, policy.Location);
    }
}
