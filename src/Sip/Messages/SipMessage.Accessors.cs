using System.Globalization;

namespace Switchboard.Sip;

// Typed views of the headers an edge routes on. Each is decoded on first use and cached; the parser has already
// checked Via, From, To, Call-ID and CSeq, so those never fail here.
public abstract partial class SipMessage
{
    private string? _callId;
    private NameAddress? _from;
    private NameAddress? _to;
    private List<ViaHeader>? _vias;
    private List<ContactHeader>? _contacts;
    private List<NameAddress>? _routes;
    private List<NameAddress>? _recordRoutes;
    private List<NameAddress>? _paths;

    public string CallId => _callId ??= GetHeaderString(KnownHeader.CallId) ?? string.Empty;

    /// <summary>The raw Call-ID bytes, for lookups that should not allocate.</summary>
    public ReadOnlySpan<byte> CallIdSpan => TryGetHeader(KnownHeader.CallId, out var v) ? v : default;

    public CSeqHeader CSeq => _layout.CSeq;

    public NameAddress From => _from ??= ParseAddress(KnownHeader.From);

    public NameAddress To => _to ??= ParseAddress(KnownHeader.To);

    /// <summary>All Via values, top first (§20.42); an unparsable value is skipped (see <see cref="Validate"/>).</summary>
    public IReadOnlyList<ViaHeader> Vias => _vias ??= ParseList(KnownHeader.Via, static (ReadOnlySpan<byte> v, out ViaHeader h) => ViaHeader.TryParse(v, out h));

    /// <summary>The topmost Via, or null in a response that lost all of them.</summary>
    public ViaHeader? TopVia => Vias.Count > 0 ? Vias[0] : null;

    /// <summary>The raw top via-parm, for transaction matching without allocation.</summary>
    public ReadOnlySpan<byte> TopViaSpan
    {
        get
        {
            var e = EnumerateValues(KnownHeader.Via);
            return e.MoveNext() ? e.Current : default;
        }
    }

    /// <summary>The top Via's branch as raw bytes (empty when absent), for transaction lookups without allocation.</summary>
    public ReadOnlySpan<byte> TopViaBranchSpan => ViaHeader.TryGetParameter(TopViaSpan, "branch"u8, out var b) ? b : default;

    public IReadOnlyList<ContactHeader> Contacts => _contacts ??= ParseList(KnownHeader.Contact, static (ReadOnlySpan<byte> v, out ContactHeader h) => ContactHeader.TryParse(v, out h));

    public IReadOnlyList<NameAddress> Routes => _routes ??= ParseList(KnownHeader.Route, static (ReadOnlySpan<byte> v, out NameAddress h) => NameAddress.TryParse(v, out h));

    public IReadOnlyList<NameAddress> RecordRoutes => _recordRoutes ??= ParseList(KnownHeader.RecordRoute, static (ReadOnlySpan<byte> v, out NameAddress h) => NameAddress.TryParse(v, out h));

    /// <summary>Path header values (RFC 3327).</summary>
    public IReadOnlyList<NameAddress> Paths => _paths ??= ParseList(KnownHeader.Path, static (ReadOnlySpan<byte> v, out NameAddress h) => NameAddress.TryParse(v, out h));

    /// <summary>Max-Forwards, or null when absent.</summary>
    public int? MaxForwards => _layout.MaxForwards < 0 ? null : _layout.MaxForwards;

    /// <summary>Expires in seconds (§20.19), or null when absent or not delta-seconds.</summary>
    public long? Expires => ParseSeconds(KnownHeader.Expires);

    public long? MinExpires => ParseSeconds(KnownHeader.MinExpires);

    /// <summary>Retry-After delta-seconds (§20.33), ignoring the comment and parameters.</summary>
    public long? RetryAfter
    {
        get
        {
            if (!TryGetHeader(KnownHeader.RetryAfter, out var v))
            {
                return null;
            }

            v = SipSyntax.Trim(v);
            int end = v.IndexOfAnyExcept("0123456789"u8);
            return SipSyntax.TryParseDigits(end < 0 ? v : v[..end], uint.MaxValue, out long s) ? s : null;
        }
    }

    /// <summary>Content-Length as sent; the body length when the header is absent (datagram).</summary>
    public int ContentLength => _layout.ContentLength < 0 ? _layout.BodyLength : _layout.ContentLength;

    public string? ContentType => GetHeaderString(KnownHeader.ContentType);

    public string? UserAgent => GetHeaderString(KnownHeader.UserAgent);

    public string? Server => GetHeaderString(KnownHeader.Server);

    public IReadOnlyList<string> Supported => GetHeaderValues(KnownHeader.Supported);

    public IReadOnlyList<string> Require => GetHeaderValues(KnownHeader.Require);

    public IReadOnlyList<string> Allow => GetHeaderValues(KnownHeader.Allow);

    /// <summary>Raw credentials, one per header line (commas inside separate auth-params, §7.3.1).</summary>
    public IReadOnlyList<string> Authorization => GetHeaderValues(KnownHeader.Authorization);

    public IReadOnlyList<string> ProxyAuthorization => GetHeaderValues(KnownHeader.ProxyAuthorization);

    public IReadOnlyList<string> WwwAuthenticate => GetHeaderValues(KnownHeader.WwwAuthenticate);

    public IReadOnlyList<string> ProxyAuthenticate => GetHeaderValues(KnownHeader.ProxyAuthenticate);

    private NameAddress ParseAddress(KnownHeader header) =>
        TryGetHeader(header, out var v) && NameAddress.TryParse(v, out var a) ? a : new NameAddress(new SipUri(string.Empty));

    private long? ParseSeconds(KnownHeader header) =>
        TryGetHeader(header, out var v) && SipSyntax.TryParseDigits(SipSyntax.Trim(v), uint.MaxValue, out long s) ? s : null;

    private delegate bool SpanParser<T>(ReadOnlySpan<byte> value, out T result);

    private List<T> ParseList<T>(KnownHeader header, SpanParser<T> parse)
    {
        var list = new List<T>();
        foreach (var v in EnumerateValues(header))
        {
            if (parse(v, out var item))
            {
                list.Add(item);
            }
        }

        return list;
    }

    internal static int ParseInt(ReadOnlySpan<byte> s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : -1;
}
