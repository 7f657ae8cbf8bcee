namespace Switchboard.Edge.Telemetry;

/// <summary>
/// What a log line may show of a phone number or SIP user (docs/privacy.md, logs): at most four leading characters
/// and never more than half, the rest as <c>x</c> (<c>4930123456</c> becomes <c>4930xxxxxx</c>) — the same rule
/// the purge applies to a cancelled subscriber's CDRs, so a country or area code survives and the subscriber does not.
/// </summary>
public static class NumberMask
{
    public static string Mask(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var keep = Math.Min(4, number.Length / 2);
        return string.Create(number.Length, (number, keep), static (span, state) =>
        {
            state.number.AsSpan(0, state.keep).CopyTo(span);
            span[state.keep..].Fill('x');
        });
    }
}
