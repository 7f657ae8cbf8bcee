using Switchboard.Grains.Accounts;

namespace Switchboard.Silo.Api.Accounts;

/// <summary>Fraud limits in a request; absent members keep <see cref="FraudLimits.Default"/>.</summary>
public sealed record FraudLimitsRequest(
    int? MaxConcurrentCalls,
    int? MaxCallsPerMinute,
    decimal? MaxDailySpend,
    IReadOnlyList<string>? BlockedPrefixes,
    IReadOnlyList<string>? AllowedCountryPrefixes,
    int? BreachesBeforeLock,
    int? BreachWindowSeconds,
    bool? ApplyDefaultDenyList)
{
    public FraudLimits ToLimits(FieldErrors errors, string field)
    {
        var d = FraudLimits.Default;
        Positive(errors, $"{field}.maxConcurrentCalls", MaxConcurrentCalls);
        Positive(errors, $"{field}.maxCallsPerMinute", MaxCallsPerMinute);
        Positive(errors, $"{field}.breachesBeforeLock", BreachesBeforeLock);
        Positive(errors, $"{field}.breachWindowSeconds", BreachWindowSeconds);
        if (MaxDailySpend is <= 0m)
        {
            errors.Add($"{field}.maxDailySpend", "must be positive.");
        }

        Prefixes(errors, $"{field}.blockedPrefixes", BlockedPrefixes);
        Prefixes(errors, $"{field}.allowedCountryPrefixes", AllowedCountryPrefixes);
        return new FraudLimits(
            MaxConcurrentCalls ?? d.MaxConcurrentCalls,
            MaxCallsPerMinute ?? d.MaxCallsPerMinute,
            MaxDailySpend ?? d.MaxDailySpend,
            BlockedPrefixes ?? d.BlockedPrefixes,
            AllowedCountryPrefixes ?? d.AllowedCountryPrefixes)
        {
            BreachesBeforeLock = BreachesBeforeLock ?? d.BreachesBeforeLock,
            BreachWindowSeconds = BreachWindowSeconds ?? d.BreachWindowSeconds,
            ApplyDefaultDenyList = ApplyDefaultDenyList ?? d.ApplyDefaultDenyList,
        };
    }

    private static void Positive(FieldErrors errors, string field, int? value)
    {
        if (value is <= 0)
        {
            errors.Add(field, "must be positive.");
        }
    }

    private static void Prefixes(FieldErrors errors, string field, IReadOnlyList<string>? prefixes)
    {
        if (prefixes?.Any(p => p is null || p.Length is 0 or > 15 || !p.All(char.IsAsciiDigit)) == true)
        {
            errors.Add(field, "must be E.164 digit prefixes (1-15 digits, no '+').");
        }
    }
}
