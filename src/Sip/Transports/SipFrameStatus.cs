namespace Switchboard.Sip.Transports;

/// <summary>What <see cref="SipStreamFramer"/> found at the start of a stream buffer.</summary>
public enum SipFrameStatus
{
    /// <summary>A complete message was sliced off.</summary>
    Message,

    /// <summary>Not enough bytes yet; this is not an error (read more and call again).</summary>
    NeedMoreData,

    /// <summary>A CRLFCRLF keep-alive ping was consumed; answer with a CRLF pong (RFC 5626 §4.4.1).</summary>
    KeepAlivePing,

    /// <summary>
    /// The message cannot be delimited (no or invalid Content-Length): framing is lost, close the connection. The
    /// header block comes back so a request can get its 400 first (RFC 3261 §18.3, §20.14).
    /// </summary>
    Malformed,

    /// <summary>Headers or headers plus declared body exceed the limit: refuse before buffering it, close the connection.</summary>
    TooLarge,
}
