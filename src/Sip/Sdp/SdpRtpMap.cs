using System.Globalization;

namespace Switchboard.Sip.Sdp;

/// <summary>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;parameters&gt;] (RFC 4566 §6).</summary>
public sealed record SdpRtpMap(int PayloadType, string Encoding, int ClockRate, string? Parameters = null)
{
    public static bool TryParse(string value, out SdpRtpMap map)
    {
        map = null!;
        int sp = value.IndexOf(' ', StringComparison.Ordinal);
        if (sp <= 0 || !int.TryParse(value.AsSpan(0, sp), NumberStyles.None, CultureInfo.InvariantCulture, out int pt) || pt > 127)
        {
            return false;
        }

        var parts = value[(sp + 1)..].Trim().Split('/');
        if (parts.Length < 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int rate))
        {
            return false;
        }

        map = new SdpRtpMap(pt, parts[0], rate, parts.Length > 2 ? parts[2] : null);
        return true;
    }

    /// <summary>The static payload types of RFC 3551 §6 that may appear without an rtpmap line.</summary>
    public static SdpRtpMap? ForStaticPayload(int payloadType) => payloadType switch
    {
        0 => new SdpRtpMap(0, "PCMU", 8000),
        3 => new SdpRtpMap(3, "GSM", 8000),
        4 => new SdpRtpMap(4, "G723", 8000),
        8 => new SdpRtpMap(8, "PCMA", 8000),
        9 => new SdpRtpMap(9, "G722", 8000),
        18 => new SdpRtpMap(18, "G729", 8000),
        _ => null,
    };

    public string ToAttributeValue() => Parameters is null
        ? string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {Encoding}/{ClockRate}")
        : string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {Encoding}/{ClockRate}/{Parameters}");
}
