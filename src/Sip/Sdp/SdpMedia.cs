using System.Globalization;

namespace Switchboard.Sip.Sdp;

/// <summary>
/// One media description: m=&lt;media&gt; &lt;port&gt;[/&lt;count&gt;] &lt;proto&gt; &lt;fmt&gt; ... with its own c=, other lines and
/// attributes (RFC 4566 §5.14).
/// </summary>
public sealed class SdpMedia
{
    public SdpMedia(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats.AddRange(formats);
    }

    /// <summary>audio, video, text, application, message.</summary>
    public string Media { get; set; }

    /// <summary>Transport port; 0 marks a rejected or disabled stream (RFC 3264 §6, §8.2).</summary>
    public int Port { get; set; }

    public int? PortCount { get; set; }

    /// <summary>RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF, ...</summary>
    public string Protocol { get; set; }

    /// <summary>Payload types for RTP profiles, in the sender's order of preference.</summary>
    public List<string> Formats { get; } = [];

    public SdpConnection? Connection { get; set; }

    /// <summary>i=, b=, k= and unknown lines, kept in order.</summary>
    public List<SdpLine> Lines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>The direction attribute of this stream, or sendrecv when it has none (RFC 3264 §5.1).</summary>
    public SdpDirection Direction
    {
        get => SdpSession.FindDirection(Attributes) ?? SdpDirection.SendRecv;
        set => SdpSession.SetDirection(Attributes, value);
    }

    /// <summary>The direction attribute actually present on this stream, null when it inherits the session's.</summary>
    public SdpDirection? ExplicitDirection => SdpSession.FindDirection(Attributes);

    public IEnumerable<SdpRtpMap> RtpMaps
    {
        get
        {
            foreach (var a in Attributes)
            {
                if (a.Name == "rtpmap" && a.Value is not null && SdpRtpMap.TryParse(a.Value, out var map))
                {
                    yield return map;
                }
            }
        }
    }

    /// <summary>The rtpmap for a payload type, falling back to the RFC 3551 static table.</summary>
    public SdpRtpMap? GetRtpMap(int payloadType) =>
        RtpMaps.FirstOrDefault(m => m.PayloadType == payloadType) ?? SdpRtpMap.ForStaticPayload(payloadType);

    /// <summary>The a=fmtp parameters for a payload type, e.g. "0-16" for telephone-event.</summary>
    public string? GetFmtp(int payloadType)
    {
        string prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        foreach (var a in Attributes)
        {
            if (a.Name == "fmtp" && a.Value is not null && a.Value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return a.Value[prefix.Length..];
            }
        }

        return null;
    }

    public string? GetAttribute(string name) => Attributes.FirstOrDefault(a => a.Name == name).Value;

    public bool HasAttribute(string name) => Attributes.Any(a => a.Name == name);

    public void SetAttribute(string name, string? value)
    {
        int i = Attributes.FindIndex(a => a.Name == name);
        if (i >= 0)
        {
            Attributes[i] = new SdpAttribute(name, value);
        }
        else
        {
            Attributes.Add(new SdpAttribute(name, value));
        }
    }

    internal string MediaLineValue()
    {
        string port = PortCount is int n ? string.Create(CultureInfo.InvariantCulture, $"{Port}/{n}") : Port.ToString(CultureInfo.InvariantCulture);
        return Formats.Count == 0 ? $"{Media} {port} {Protocol}" : $"{Media} {port} {Protocol} {string.Join(' ', Formats)}";
    }
}
