namespace Switchboard.Sip;

/// <summary>
/// One indexed header line: offsets into the message buffer, never a string. Kept in a rented array so indexing a
/// message allocates nothing (the Kestrel approach of handing headers out as spans).
/// </summary>
internal struct HeaderEntry
{
    /// <summary>Start of the header name (and of the line).</summary>
    public int NameStart;

    public int NameLength;

    /// <summary>Start of the value after the colon and leading LWS.</summary>
    public int ValueStart;

    /// <summary>Value length with trailing whitespace trimmed; may span folded lines.</summary>
    public int ValueLength;

    /// <summary>First byte after the line's CRLF (after its last folded continuation).</summary>
    public int LineEnd;

    public KnownHeader Id;
}
