using System.Text;

namespace Switchboard.Sip;

/// <summary>A parsed request: Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private SipUri? _requestUri;

    internal SipRequest(in MessageLayout layout)
        : base(layout)
    {
    }

    public override bool IsRequest => true;

    public SipMethod Method => Layout.Method;

    /// <summary>The Request-URI bytes as sent.</summary>
    public ReadOnlySpan<byte> RequestUriSpan => Span.Slice(Layout.UriStart, Layout.UriLength);

    /// <summary>The Request-URI, decoded on first use; an opaque URI when the scheme is not SIP, SIPS or tel.</summary>
    public SipUri RequestUri => _requestUri ??= SipUri.TryParse(RequestUriSpan, out var uri)
        ? uri
        : new SipUri(string.Empty, scheme: SipUriScheme.Other) { SchemeName = "invalid", Opaque = Encoding.UTF8.GetString(RequestUriSpan) };
}
