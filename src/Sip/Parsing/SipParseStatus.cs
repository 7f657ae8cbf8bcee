namespace Switchboard.Sip;

/// <summary>Outcome of one parse call.</summary>
public enum SipParseStatus
{
    /// <summary>A whole message was parsed; <see cref="SipParseResult.Message"/> is set.</summary>
    Complete,

    /// <summary>Stream input ends inside a message; read more and call again with the same start. Not an error.</summary>
    NeedMoreData,

    /// <summary>Only CRLFs: an RFC 5626 §4.4.1 keep-alive ping ("\r\n\r\n") or pong ("\r\n"). Consume and carry on.</summary>
    KeepAlive,

    /// <summary>The input is not a valid SIP message; see <see cref="SipParseResult.Error"/>.</summary>
    Invalid,
}
