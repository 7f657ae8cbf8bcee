using Switchboard.Grains.Accounts;
using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Tests.Fraud;

public sealed class FraudGuardTests
{
    private static readonly FraudLimits Limits = new(2, 5, 10m, ["4420"], []);

    [Fact]
    public void Check_WithinLimits_Passes()
    {
        Assert.Null(FraudGuard.Check(Limits, "4930123", rated: true, activeCalls: 1, callsInLastMinute: 4, spentToday: 9.99m));
    }

    [Theory]
    [InlineData("4930123", 2, 0, "0", FraudRule.ConcurrentCalls)]
    [InlineData("4930123", 0, 5, "0", FraudRule.CallsPerMinute)]
    [InlineData("4930123", 0, 0, "10", FraudRule.DailySpend)]
    [InlineData("442012345", 0, 0, "0", FraudRule.BlockedDestination)] // the account's own list
    [InlineData("19005550100", 0, 0, "0", FraudRule.BlockedDestination)] // seeded deny-list: NANP premium
    [InlineData("88213", 0, 0, "0", FraudRule.BlockedDestination)] // international networks
    public void Check_Breach_NamesTheRule(string destination, int active, int perMinute, string spent, FraudRule rule)
    {
        var verdict = FraudGuard.Check(Limits, destination, rated: true, active, perMinute, decimal.Parse(spent));

        Assert.Equal(rule, verdict?.Rule);
        Assert.False(string.IsNullOrWhiteSpace(verdict!.Reason));
    }

    [Fact]
    public void Check_CountryAllowList_RefusesOtherCountries()
    {
        var limits = Limits with { AllowedCountryPrefixes = ["49", "43"] };

        Assert.Null(FraudGuard.Check(limits, "4930123", true, 0, 0, 0m));
        Assert.Equal(FraudRule.CountryNotAllowed, FraudGuard.Check(limits, "3312345", true, 0, 0, 0m)?.Rule);
    }

    [Fact]
    public void Check_DefaultDenyListSwitchedOff_AllowsPremiumRange()
    {
        var limits = Limits with { ApplyDefaultDenyList = false };

        Assert.Null(FraudGuard.Check(limits, "19005550100", true, 0, 0, 0m));
    }

    [Fact]
    public void Check_UnratedCall_OnlyCountsCallLimits()
    {
        Assert.Null(FraudGuard.Check(Limits, "19005550100", rated: false, 0, 0, 50m));
        Assert.Equal(FraudRule.ConcurrentCalls, FraudGuard.Check(Limits, "1001", rated: false, 2, 0, 0m)?.Rule);
    }

    [Fact]
    public void Check_ZeroLimits_MeanNoLimit()
    {
        var limits = new FraudLimits(0, 0, 0m, [], []) { ApplyDefaultDenyList = false };

        Assert.Null(FraudGuard.Check(limits, "4930123", true, 1000, 1000, 1_000_000m));
    }
}
