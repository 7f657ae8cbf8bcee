namespace Switchboard.Sip;

/// <summary>
/// What one parse call produced. <see cref="Consumed"/> counts input bytes used (leading CRLFs included); on an
/// <see cref="SipParseStatus.Invalid"/> stream result with <c>Consumed == 0</c> framing is lost and the connection must close.
/// </summary>
public readonly struct SipParseResult
{
    private SipParseResult(SipParseStatus status, SipMessage? message, SipParseError error, int consumed)
    {
        Status = status;
        Message = message;
        Error = error;
        Consumed = consumed;
    }

    public SipParseStatus Status { get; }

    /// <summary>
    /// The parsed message when <see cref="SipParseStatus.Complete"/>; for an <see cref="SipParseStatus.Invalid"/> request
    /// that <see cref="SipParseError.CanRespond"/>, the request to answer. The caller disposes it.
    /// </summary>
    public SipMessage? Message { get; }

    public SipParseError Error { get; }

    public int Consumed { get; }

    public bool IsComplete => Status == SipParseStatus.Complete;

    internal static SipParseResult Complete(SipMessage message, int consumed) => new(SipParseStatus.Complete, message, default, consumed);

    internal static SipParseResult NeedMoreData() => new(SipParseStatus.NeedMoreData, null, default, 0);

    internal static SipParseResult KeepAlive(int consumed) => new(SipParseStatus.KeepAlive, null, default, consumed);

    internal static SipParseResult Invalid(SipParseError error, int consumed, SipMessage? rejected = null) =>
        new(SipParseStatus.Invalid, rejected, error, consumed);

    public override string ToString() => Status == SipParseStatus.Invalid ? $"Invalid {Error}" : Status.ToString();
}
