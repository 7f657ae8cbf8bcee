namespace Switchboard.Sip.Sdp;

/// <summary>A codec as named by rtpmap (RFC 4566 §6): encoding name, clock rate and optional channel count.</summary>
public sealed record SdpCodec(string Name, int ClockRate, int? Channels = null)
{
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000);

    public static SdpCodec Pcma { get; } = new("PCMA", 8000);

    public static SdpCodec G722 { get; } = new("G722", 8000);

    public static SdpCodec G729 { get; } = new("G729", 8000);

    public static SdpCodec Opus { get; } = new("opus", 48000, 2);

    /// <summary>RFC 4733 DTMF events.</summary>
    public static SdpCodec TelephoneEvent { get; } = new("telephone-event", 8000);

    /// <summary>Same codec: names compare case-insensitively (RFC 4855 §3), clock rates exactly.</summary>
    public bool Matches(SdpRtpMap map) =>
        string.Equals(Name, map.Encoding, StringComparison.OrdinalIgnoreCase) && ClockRate == map.ClockRate;
}
