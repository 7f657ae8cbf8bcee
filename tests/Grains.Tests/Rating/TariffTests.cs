using Switchboard.Grains.Billing;
using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Tests.Rating;

public sealed class TariffTests
{
    // duration, increments first/next, minimum, expected billed seconds
    [Theory]
    [InlineData(0, 60, 60, 0, 0)]
    [InlineData(1, 60, 60, 0, 60)]
    [InlineData(60, 60, 60, 0, 60)]
    [InlineData(61, 60, 60, 0, 120)]
    [InlineData(1, 1, 1, 0, 1)]
    [InlineData(59, 1, 1, 0, 59)]
    [InlineData(1, 30, 6, 0, 30)]
    [InlineData(30, 30, 6, 0, 30)]
    [InlineData(31, 30, 6, 0, 36)]
    [InlineData(36, 30, 6, 0, 36)]
    [InlineData(37, 30, 6, 0, 42)]
    [InlineData(5, 1, 1, 20, 20)]   // minimum duration raises short calls
    [InlineData(25, 1, 1, 20, 25)]
    [InlineData(10, 30, 6, 45, 48)] // minimum 45 on a 30/6 grid is billed as 48
    [InlineData(3601, 60, 60, 0, 3660)]
    public void BilledSeconds_IncrementsAndMinimums_RoundUpOnTheGrid(int duration, int first, int next, int minimum, int expected)
    {
        var rate = new AppliedRate("44", "UK", 1m, 0m, first, next, minimum);

        Assert.Equal(expected, Tariff.BilledSeconds(rate, duration));
    }

    // price/min, connect fee, increments, duration → exact cost
    [Theory]
    [InlineData("0.05", "0", 60, 60, 60, "0.05")]       // 0.05 €/min for 60 s is 0.05, not 0.0498
    [InlineData("0.05", "0", 60, 60, 61, "0.10")]
    [InlineData("0.012", "0", 1, 1, 7, "0.0014")]
    [InlineData("0.15", "0.03", 1, 1, 60, "0.18")]      // connect fee charged once, not per slice
    [InlineData("0.15", "0.03", 1, 1, 0, "0")]          // unanswered: no connect fee
    [InlineData("0.0333", "0", 30, 6, 31, "0.01998")]   // 36 s × 0.0333/60
    [InlineData("0.07", "0", 1, 1, 1, "0.001167")]      // 0.0011666… rounded half away from zero at 6 digits
    [InlineData("1.999999", "0.5", 60, 60, 90, "4.499998")]
    public void CostOfDuration_Table_IsExactToSixDigits(string price, string connect, int first, int next, int duration, string expected)
    {
        var rate = new AppliedRate("49", "DE", decimal.Parse(price), decimal.Parse(connect), first, next, 0);

        Assert.Equal(decimal.Parse(expected), Tariff.CostOfDuration(rate, duration));
    }

    [Theory]
    [InlineData("1.00", "0", 60, 60, "0.99", 0)]       // cannot cover the first increment
    [InlineData("1.00", "0", 60, 60, "1.00", 60)]
    [InlineData("1.00", "0", 60, 60, "2.99", 120)]
    [InlineData("1.00", "0", 1, 1, "0.50", 30)]
    [InlineData("0.60", "0.10", 30, 6, "0.40", 30)]    // 0.10 + 30 s = 0.40 exactly
    [InlineData("0.60", "0.10", 30, 6, "0.459", 30)]   // 36 s would cost 0.46
    [InlineData("0.60", "0.10", 30, 6, "0.46", 36)]
    [InlineData("0", "0.10", 60, 60, "0.10", 14400)]   // free minutes after the connect fee: the cap
    [InlineData("1.00", "0", 1, 1, "-5", 0)]
    public void MaxAffordableSeconds_Table_IsTheLongestGridDurationThatFits(
        string price, string connect, int first, int next, string amount, int expected)
    {
        var rate = new AppliedRate("1", "US", decimal.Parse(price), decimal.Parse(connect), first, next, 0);

        var seconds = Tariff.MaxAffordableSeconds(rate, decimal.Parse(amount), cap: 14400);

        Assert.Equal(expected, seconds);
        if (seconds > 0 && seconds < 14400)
        {
            Assert.True(Tariff.Cost(rate, seconds) <= decimal.Parse(amount));
            Assert.True(Tariff.Cost(rate, seconds + next) > decimal.Parse(amount));
        }
    }

    [Fact]
    public void MaxAffordableSeconds_ManyAmounts_NeverExceedsTheAmount()
    {
        var rate = new AppliedRate("33", "FR", 0.0737m, 0.0123m, 30, 6, 45);
        for (var cents = 0; cents < 500; cents++)
        {
            var amount = cents / 100m;
            var seconds = Tariff.MaxAffordableSeconds(rate, amount, cap: 14400);
            if (seconds > 0)
            {
                Assert.True(Tariff.Cost(rate, seconds) <= amount, $"{seconds} s costs more than {amount}");
                Assert.True(Tariff.Cost(rate, seconds + 6) > amount, $"{seconds + 6} s would still fit in {amount}");
            }
            else
            {
                Assert.True(Tariff.CostOfDuration(rate, 1) > amount);
            }
        }
    }
}
