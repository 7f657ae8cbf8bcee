namespace Switchboard.Sip;

/// <summary>
/// A typed rejection. <see cref="StatusCode"/> is set only when the message is a request intact enough to answer
/// (method, Via, From, To, Call-ID and CSeq all usable, RFC 3261 §8.2.6); otherwise the message must be dropped.
/// </summary>
public readonly record struct SipParseError(SipParseErrorReason Reason, string? Header = null, int? StatusCode = null)
{
    /// <summary>True when a response with <see cref="StatusCode"/> and <see cref="ReasonPhrase"/> can be sent.</summary>
    public bool CanRespond => StatusCode.HasValue;

    /// <summary>A short phrase naming the defect, suitable as the reason phrase of the error response.</summary>
    public string ReasonPhrase => SipParseStatusCodes.Phrase(Reason);

    /// <summary>True when the defect was a configured limit rather than bad syntax.</summary>
    public bool IsLimit => Reason is SipParseErrorReason.MessageTooLarge or SipParseErrorReason.TooManyHeaders or SipParseErrorReason.HeaderLineTooLong;

    public override string ToString() => Header is null ? $"{Reason}: {ReasonPhrase}" : $"{Reason} ({Header}): {ReasonPhrase}";
}
