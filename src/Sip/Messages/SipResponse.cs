namespace Switchboard.Sip;

/// <summary>A parsed response: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    private string? _reason;

    internal SipResponse(in MessageLayout layout)
        : base(layout)
    {
    }

    public override bool IsRequest => false;

    public int StatusCode => Layout.StatusCode;

    public ReadOnlySpan<byte> ReasonPhraseSpan => Span.Slice(Layout.ReasonStart, Layout.ReasonLength);

    public string ReasonPhrase => _reason ??= SipSyntax.ToUnfoldedString(ReasonPhraseSpan);

    /// <summary>1xx (§7.2): the transaction goes on.</summary>
    public bool IsProvisional => StatusCode < 200;

    public bool IsFinal => StatusCode >= 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
