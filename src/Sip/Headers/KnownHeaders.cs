using System.Text;

namespace Switchboard.Sip;

/// <summary>Name tables for <see cref="KnownHeader"/>: canonical spelling, compact forms and list semantics.</summary>
public static class KnownHeaders
{
    private static readonly string[] Names =
    [
        string.Empty, "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Max-Forwards", "Route", "Record-Route", "Path",
        "Service-Route", "Content-Length", "Content-Type", "Content-Encoding", "Content-Disposition", "Expires",
        "Min-Expires", "Authorization", "Proxy-Authorization", "WWW-Authenticate", "Proxy-Authenticate",
        "Authentication-Info", "User-Agent", "Server", "Retry-After", "Supported", "Require", "Proxy-Require",
        "Unsupported", "Allow", "Accept", "Event", "Allow-Events", "Subscription-State", "Refer-To", "Referred-By",
        "Session-Expires", "Min-SE", "Subject", "Date", "Timestamp", "Warning", "Identity", "P-Asserted-Identity",
        "Reason",
    ];

    private static readonly byte[][] NameBytes = Array.ConvertAll(Names, Encoding.ASCII.GetBytes);

    /// <summary>Canonical name as written by the builders, e.g. "Call-ID".</summary>
    public static string GetName(KnownHeader header) => Names[(int)header];

    internal static ReadOnlySpan<byte> GetNameBytes(KnownHeader header) => NameBytes[(int)header];

    /// <summary>
    /// True for headers whose grammar is a comma-separated list (§7.3.1), so "Via: a, b" equals two Via lines.
    /// The authentication headers are excluded on purpose: their commas separate parameters, not values.
    /// </summary>
    public static bool IsList(KnownHeader header) => header is KnownHeader.Via or KnownHeader.Contact or KnownHeader.Route
        or KnownHeader.RecordRoute or KnownHeader.Path or KnownHeader.ServiceRoute or KnownHeader.Supported
        or KnownHeader.Require or KnownHeader.ProxyRequire or KnownHeader.Unsupported or KnownHeader.Allow
        or KnownHeader.Accept or KnownHeader.AllowEvents or KnownHeader.ContentEncoding or KnownHeader.Warning
        or KnownHeader.PAssertedIdentity or KnownHeader.Reason;

    /// <summary>Headers that may appear once only; a second copy is a parse error (RFC 4475 §3.1.2.19).</summary>
    internal static bool IsSingleton(KnownHeader header) => header is KnownHeader.From or KnownHeader.To
        or KnownHeader.CallId or KnownHeader.CSeq or KnownHeader.MaxForwards or KnownHeader.ContentLength;

    /// <summary>Identifies a header name; case-insensitive (§7.3.1), compact forms per §7.3.3 and the extension RFCs.</summary>
    public static KnownHeader Identify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return (name[0] | 0x20) switch
            {
                'v' => KnownHeader.Via,
                'f' => KnownHeader.From,
                't' => KnownHeader.To,
                'i' => KnownHeader.CallId,
                'm' => KnownHeader.Contact,
                'l' => KnownHeader.ContentLength,
                'c' => KnownHeader.ContentType,
                'e' => KnownHeader.ContentEncoding,
                'k' => KnownHeader.Supported,
                's' => KnownHeader.Subject,
                'o' => KnownHeader.Event, // RFC 6665 §8.2.1
                'u' => KnownHeader.AllowEvents, // RFC 6665 §8.2.2
                'r' => KnownHeader.ReferTo, // RFC 3515 §2.1
                'b' => KnownHeader.ReferredBy, // RFC 3892 §3
                'x' => KnownHeader.SessionExpires, // RFC 4028 §4
                'y' => KnownHeader.Identity, // RFC 8224 §4
                _ => KnownHeader.Unknown,
            };
        }

        // First byte lowered and length narrow the candidates to one or two comparisons.
        int first = name.IsEmpty ? 0 : name[0] | 0x20;
        return (name.Length, first) switch
        {
            (2, 't') => Match(name, KnownHeader.To),
            (3, 'v') => Match(name, KnownHeader.Via),
            (4, 'f') => Match(name, KnownHeader.From),
            (4, 'c') => Match(name, KnownHeader.CSeq),
            (4, 'p') => Match(name, KnownHeader.Path),
            (4, 'd') => Match(name, KnownHeader.Date),
            (5, 'r') => Match(name, KnownHeader.Route),
            (5, 'a') => Match(name, KnownHeader.Allow),
            (5, 'e') => Match(name, KnownHeader.Event),
            (6, 's') => Match(name, KnownHeader.Server),
            (6, 'a') => Match(name, KnownHeader.Accept),
            (6, 'r') => Match(name, KnownHeader.Reason),
            (6, 'm') => Match(name, KnownHeader.MinSE),
            (7, 'c') => Match(name, KnownHeader.CallId) is var h && h != KnownHeader.Unknown ? h : Match(name, KnownHeader.Contact),
            (7, 'e') => Match(name, KnownHeader.Expires),
            (7, 'r') => Match(name, KnownHeader.Require),
            (7, 's') => Match(name, KnownHeader.Subject),
            (7, 'w') => Match(name, KnownHeader.Warning),
            (8, 'r') => Match(name, KnownHeader.ReferTo),
            (8, 'i') => Match(name, KnownHeader.Identity),
            (9, 's') => Match(name, KnownHeader.Supported),
            (9, 't') => Match(name, KnownHeader.Timestamp),
            (10, 'u') => Match(name, KnownHeader.UserAgent),
            (11, 'm') => Match(name, KnownHeader.MinExpires),
            (11, 'r') => Match(name, KnownHeader.RetryAfter) is var h && h != KnownHeader.Unknown ? h : Match(name, KnownHeader.ReferredBy),
            (11, 'u') => Match(name, KnownHeader.Unsupported),
            (12, 'm') => Match(name, KnownHeader.MaxForwards),
            (12, 'r') => Match(name, KnownHeader.RecordRoute),
            (12, 'c') => Match(name, KnownHeader.ContentType),
            (12, 'a') => Match(name, KnownHeader.AllowEvents),
            (13, 'a') => Match(name, KnownHeader.Authorization),
            (13, 'p') => Match(name, KnownHeader.ProxyRequire),
            (13, 's') => Match(name, KnownHeader.ServiceRoute),
            (14, 'c') => Match(name, KnownHeader.ContentLength),
            (15, 's') => Match(name, KnownHeader.SessionExpires),
            (16, 'c') => Match(name, KnownHeader.ContentEncoding),
            (16, 'w') => Match(name, KnownHeader.WwwAuthenticate),
            (18, 'p') => Match(name, KnownHeader.ProxyAuthenticate),
            (18, 's') => Match(name, KnownHeader.SubscriptionState),
            (19, 'p') => Match(name, KnownHeader.ProxyAuthorization) is var h && h != KnownHeader.Unknown ? h : Match(name, KnownHeader.PAssertedIdentity),
            (19, 'c') => Match(name, KnownHeader.ContentDisposition),
            (19, 'a') => Match(name, KnownHeader.AuthenticationInfo),
            _ => KnownHeader.Unknown,
        };
    }

    /// <summary>Identifies a header name given as a string (compact forms included).</summary>
    public static KnownHeader Identify(string name)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (name.Length > buffer.Length || !Ascii.IsValid(name))
        {
            return KnownHeader.Unknown;
        }

        int n = Encoding.ASCII.GetBytes(name, buffer);
        return Identify(buffer[..n]);
    }

    private static KnownHeader Match(ReadOnlySpan<byte> name, KnownHeader candidate) =>
        Ascii.EqualsIgnoreCase(name, NameBytes[(int)candidate]) ? candidate : KnownHeader.Unknown;
}
