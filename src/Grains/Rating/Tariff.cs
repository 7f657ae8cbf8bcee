using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Rating;

/// <summary>
/// Prices a duration under a rate. Pure functions over decimals: price × seconds is multiplied before dividing by
/// 60 so 0.05 €/min for 60 s is exactly 0.05 € (float or divide-first rounding is how other switches bill 0.0498 €),
/// and every cost is rounded once, to the 6 fractional digits the ledger stores, so the balance invariant holds
/// to the last digit.
/// </summary>
public static class Tariff
{
    public const int MoneyDecimals = 6;

    /// <summary>
    /// Seconds charged for <paramref name="durationSeconds"/> of answered time: raised to the minimum duration, then
    /// to the first increment, then in whole next increments (30/6: 30 s, then 6 s steps). Zero stays zero.
    /// </summary>
    public static int BilledSeconds(AppliedRate rate, int durationSeconds)
    {
        if (durationSeconds <= 0)
        {
            return 0;
        }

        var seconds = Math.Max(durationSeconds, rate.MinimumSeconds);
        var first = Math.Max(1, rate.FirstIncrementSeconds);
        if (seconds <= first)
        {
            return first;
        }

        var next = Math.Max(1, rate.NextIncrementSeconds);
        var steps = (seconds - first + next - 1) / next;
        return first + (steps * next);
    }

    /// <summary>Cost of <paramref name="billedSeconds"/> (already on the increment grid): connect fee plus time.</summary>
    public static decimal Cost(AppliedRate rate, int billedSeconds) => billedSeconds <= 0
        ? 0m
        : Round(rate.ConnectFee + (rate.PricePerMinute * billedSeconds / 60m));

    /// <summary>Cost of an answered duration: <see cref="BilledSeconds"/> then <see cref="Cost"/>.</summary>
    public static decimal CostOfDuration(AppliedRate rate, int durationSeconds) =>
        Cost(rate, BilledSeconds(rate, durationSeconds));

    /// <summary>
    /// The longest billed duration (on the increment grid) whose cost fits in <paramref name="amount"/>; 0 when not
    /// even the first increment fits; <paramref name="cap"/> when the rate is free beyond the connect fee.
    /// </summary>
    public static int MaxAffordableSeconds(AppliedRate rate, decimal amount, int cap)
    {
        var firstBilled = BilledSeconds(rate, 1);
        if (Cost(rate, firstBilled) > amount)
        {
            return 0;
        }

        if (rate.PricePerMinute <= 0m)
        {
            return cap;
        }

        var affordable = (amount - rate.ConnectFee) * 60m / rate.PricePerMinute;
        if (affordable >= cap)
        {
            return Math.Max(firstBilled, cap);
        }

        var first = Math.Max(1, rate.FirstIncrementSeconds);
        var next = Math.Max(1, rate.NextIncrementSeconds);
        var raw = (int)decimal.Floor(affordable);
        var billed = raw <= first ? first : first + ((raw - first) / next * next);

        // Rounding to 6 digits can move the boundary by one step either way; settle it on the exact cost function.
        while (billed > firstBilled && Cost(rate, billed) > amount)
        {
            billed -= next;
        }

        while (billed + next <= cap && Cost(rate, billed + next) <= amount)
        {
            billed += next;
        }

        return Math.Max(firstBilled, billed);
    }

    public static decimal Round(decimal amount) => decimal.Round(amount, MoneyDecimals, MidpointRounding.AwayFromZero);
}
