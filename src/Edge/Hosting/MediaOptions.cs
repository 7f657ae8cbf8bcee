namespace Switchboard.Edge.Hosting;

/// <summary>Configuration section <c>Media</c>: the RTP relay's address and port range.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Address written into relayed SDP (c= line) and bound by relay sockets.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>
    /// Lowest relay port; RTP takes even ports, RTCP the next odd one (RFC 3550 §11). A relayed call holds two
    /// pairs, so the default 16384..32767 (FreeSWITCH's too) carries 4,096 calls, and stays below Linux's ephemeral
    /// range (32768..60999), where the kernel picks ports for outgoing connections.
    /// </summary>
    public int PortMin { get; set; } = 16384;

    /// <summary>Highest relay port (inclusive).</summary>
    public int PortMax { get; set; } = 32767;
}
