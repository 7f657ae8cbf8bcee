using System.Text.RegularExpressions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Emergency;

/// <summary>Checks an <see cref="EmergencyPolicy"/> before the tenant stores it: null when valid, else the first problem.</summary>
public static partial class EmergencyPolicyValidation
{
    /// <summary>More than this is a mistake, not a country's list (the longest built-in one has six).</summary>
    public const int MaxNumbers = 10;

    public static string? Check(EmergencyPolicy policy, IReadOnlyCollection<Trunk> trunks)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(trunks);
        if (policy.Country is { } country && !EmergencyNumbers.Knows(country))
        {
            return $"Country '{country}' has no built-in emergency numbers; known: {string.Join(", ", EmergencyNumbers.Countries.Order(StringComparer.Ordinal))}.";
        }

        if (policy.Numbers is null || policy.Numbers.Count > MaxNumbers)
        {
            return $"Numbers must be a list of at most {MaxNumbers}.";
        }

        if (policy.Numbers.FirstOrDefault(n => !ShortCode().IsMatch(n ?? string.Empty)) is { } bad)
        {
            return $"Number '{bad}' must be 2-8 digits.";
        }

        if (policy.Numbers.Distinct(StringComparer.Ordinal).Count() != policy.Numbers.Count)
        {
            return "Numbers must not repeat.";
        }

        if (policy.TrunkId is { } trunkId && !trunks.Any(t => t.TrunkId == trunkId))
        {
            return $"Trunk '{trunkId}' is not a trunk of this tenant.";
        }

        if (policy.CallbackNumber is { } callback && !E164().IsMatch(callback))
        {
            return $"CallbackNumber '{callback}' must be an E.164 number: 6-15 digits, no leading 0, without '+'.";
        }

        return policy.Location is { } location && !GeolocationUri.IsValid(location)
            ? $"Location {GeolocationUri.Rule}."
            : null;
    }

    [GeneratedRegex("^[0-9]{2,8}$")]
    private static partial Regex ShortCode();

    [GeneratedRegex("^[1-9][0-9]{5,14}$")]
    private static partial Regex E164();
}
