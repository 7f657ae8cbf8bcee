namespace Switchboard.Sip;

/// <summary>
/// Hard caps the parser checks before it does any work on a buffer. They bound what a hostile peer can make us
/// allocate or scan; a message over a limit is dropped (or the stream closed), never partially processed.
/// </summary>
public sealed record SipParserLimits
{
    /// <summary>Shared immutable defaults.</summary>
    public static SipParserLimits Default { get; } = new();

    /// <summary>Whole message (start line, headers, body). RFC 3261 §18.1.1 keeps UDP under the path MTU; 64 KiB covers TCP.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Number of header lines (a comma-separated line counts once).</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Length of the start line or of one header line including its folded continuations.</summary>
    public int MaxHeaderLineLength { get; init; } = 8_192;

    /// <summary>Throws when a value cannot work; called once at start-up by <see cref="SipParser"/>.</summary>
    public void Validate()
    {
        if (MaxMessageSize < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessageSize), MaxMessageSize, "SipParserLimits.MaxMessageSize must be at least 64 bytes.");
        }

        if (MaxHeaderCount < 6)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeaderCount), MaxHeaderCount, "SipParserLimits.MaxHeaderCount must allow the six mandatory headers.");
        }

        if (MaxHeaderLineLength < 32)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeaderLineLength), MaxHeaderLineLength, "SipParserLimits.MaxHeaderLineLength must be at least 32 bytes.");
        }
    }
}
