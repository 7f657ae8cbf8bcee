namespace Switchboard.Sip;

public sealed partial class SipUri
{
    // §19.1.4: these parameters must appear in both URIs (with equal values) or in neither.
    private static readonly string[] SignificantParameters = ["user", "ttl", "method", "maddr", "transport"];

    /// <summary>
    /// URI equality per RFC 3261 §19.1.4: user and password compare case-sensitively, host case-insensitively,
    /// escapes are decoded first, an absent port differs from an explicit 5060, user/ttl/method/maddr/transport must
    /// match when either side has them, other parameters only when both have them, and headers must all match.
    /// tel and opaque URIs compare by their decoded text.
    /// </summary>
    public bool IsEquivalentTo(SipUri? other)
    {
        if (other is null || Scheme != other.Scheme)
        {
            return false;
        }

        if (Scheme is SipUriScheme.Other or SipUriScheme.Tel)
        {
            return string.Equals(SchemeName, other.SchemeName, StringComparison.OrdinalIgnoreCase)
                && string.Equals(Unescape(Opaque ?? User), Unescape(other.Opaque ?? other.User), StringComparison.Ordinal)
                && ParametersMatch(Parameters, other.Parameters, []);
        }

        return string.Equals(Unescape(User), Unescape(other.User), StringComparison.Ordinal)
            && string.Equals(Unescape(Password), Unescape(other.Password), StringComparison.Ordinal)
            && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
            && Port == other.Port
            && ParametersMatch(Parameters, other.Parameters, SignificantParameters)
            && HeadersMatch(_headers, other._headers);
    }

    private static string? Unescape(string? s) => s is null ? null : UriEscaping.Unescape(s);

    private static bool ParametersMatch(SipParameters a, SipParameters b, string[] significant)
    {
        foreach (var name in significant)
        {
            if (a.Contains(name) != b.Contains(name))
            {
                return false;
            }
        }

        foreach (var p in a)
        {
            if (b.TryGetValue(p.Name, out var value)
                && !string.Equals(Unescape(p.Value), Unescape(value), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HeadersMatch(SipParameters? a, SipParameters? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        foreach (var h in a)
        {
            if (!b.TryGetValue(h.Name, out var value) || !string.Equals(Unescape(h.Value), Unescape(value), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
