namespace Switchboard.Sip;

/// <summary>Everything the parser learned about a message's shape: offsets, the header index and the few values it had to decode anyway.</summary>
internal struct MessageLayout
{
    public ReadOnlyMemory<byte> Buffer;

    /// <summary>A rented array backing <see cref="Buffer"/> that the message returns on dispose; null when the caller owns the bytes.</summary>
    public byte[]? Owned;

    public HeaderEntry[]? Headers;

    /// <summary><see cref="Headers"/> is an exact-size array of the message's own, not a rented one to give back.</summary>
    public bool HeadersCompacted;
    public int HeaderCount;
    public int BodyStart;
    public int BodyLength;

    /// <summary>Content-Length value, or -1 when the header is absent (datagram only).</summary>
    public int ContentLength;

    /// <summary>Max-Forwards value, or -1 when absent.</summary>
    public int MaxForwards;

    public CSeqHeader CSeq;
    public SipMethod Method;
    public int UriStart;
    public int UriLength;
    public int StatusCode;
    public int ReasonStart;
    public int ReasonLength;
}
