using Switchboard.Grains.Emergency;

namespace Switchboard.Silo.Api.Emergency;

/// <summary>
/// PUT /api/v1/tenants/{tenantId}/emergency. <see cref="Country"/> (ISO 3166-1 alpha-2, either case) brings its
/// built-in numbers; <see cref="Numbers"/> adds to them. The tenant grain checks the rest
/// (<see cref="EmergencyPolicyValidation"/>), so the rules live in one place.
/// </summary>
public sealed record EmergencyRequest(
    string? Country, IReadOnlyList<string>? Numbers, string? TrunkId, string? CallbackNumber, string? Location)
{
    public EmergencyPolicy ToPolicy() => new(
        string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant(),
        Numbers ?? [],
        string.IsNullOrWhiteSpace(TrunkId) ? null : TrunkId,
        string.IsNullOrWhiteSpace(CallbackNumber) ? null : CallbackNumber.TrimStart('+'),
        string.IsNullOrWhiteSpace(Location) ? null : Location);
}
