namespace Switchboard.Grains.Observability;

/// <summary>
/// What a log line may show of a phone number, SIP user or SIP Call-ID (docs/privacy.md, logs): at most four leading
/// characters and never more than half, the rest as <c>x</c> (<c>4930123456</c> becomes <c>4930xxxxxx</c>) — the same
/// rule the purge applies to a cancelled subscriber's CDRs, so a country or area code survives and the subscriber does
/// not. Here, in the contracts, because the edge and the grains both write such lines under one switch
/// (<c>Sip:LogNumbers</c>).
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

    /// <summary><paramref name="value"/> in full when the operator turned <c>Sip:LogNumbers</c> on, masked otherwise.</summary>
    public static string ForLog(string value, bool inFull) => inFull ? value : Mask(value);
}
