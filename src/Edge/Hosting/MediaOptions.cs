namespace Switchboard.Edge.Hosting;

/// <summary>Configuration section <c>Media</c>: the RTP relay's address and port range.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>Address written into relayed SDP (c= line) and bound by relay sockets.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Lowest relay port; RTP takes even ports, RTCP the next odd one (RFC 3550 §11).</summary>
    public int PortMin { get; set; } = 20000;

    /// <summary>Highest relay port (inclusive).</summary>
    public int PortMax { get; set; } = 29999;
}
