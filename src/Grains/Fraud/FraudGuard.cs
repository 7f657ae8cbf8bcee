using Switchboard.Grains.Accounts;

namespace Switchboard.Grains.Fraud;

/// <summary>
/// Applies an account's fraud limits to one INVITE, before any credit is reserved. Pure: the account grain owns
/// the counters and passes them in, so the rules are unit-tested without a cluster. A limit of 0 is "no limit".
/// </summary>
public static class FraudGuard
{
    /// <summary>The first rule the call breaks, or null. <paramref name="rated"/> is false for on-net and inbound calls.</summary>
    public static FraudVerdict? Check(
        FraudLimits limits,
        string destination,
        bool rated,
        int activeCalls,
        int callsInLastMinute,
        decimal spentToday)
    {
        if (limits.MaxConcurrentCalls > 0 && activeCalls >= limits.MaxConcurrentCalls)
        {
            return new(FraudRule.ConcurrentCalls, $"Concurrent call limit {limits.MaxConcurrentCalls} reached");
        }

        if (limits.MaxCallsPerMinute > 0 && callsInLastMinute >= limits.MaxCallsPerMinute)
        {
            return new(FraudRule.CallsPerMinute, $"Call rate limit {limits.MaxCallsPerMinute}/min reached");
        }

        if (!rated)
        {
            return null;
        }

        var blocked = MatchingPrefix(destination, limits.BlockedPrefixes)
            ?? (limits.ApplyDefaultDenyList ? MatchingPrefix(destination, DefaultDenyList.Prefixes) : null);
        if (blocked is not null)
        {
            return new(FraudRule.BlockedDestination, $"Destination +{blocked} is blocked");
        }

        if (limits.AllowedCountryPrefixes.Count > 0 && MatchingPrefix(destination, limits.AllowedCountryPrefixes) is null)
        {
            return new(FraudRule.CountryNotAllowed, "Destination country is not allowed for this account");
        }

        if (limits.MaxDailySpend > 0 && spentToday >= limits.MaxDailySpend)
        {
            return new(FraudRule.DailySpend, $"Daily spend limit {limits.MaxDailySpend} EUR reached");
        }

        return null;
    }

    private static string? MatchingPrefix(string destination, IReadOnlyList<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (prefix.Length > 0 && destination.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return null;
    }
}
