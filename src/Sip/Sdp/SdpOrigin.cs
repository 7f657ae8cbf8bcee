namespace Switchboard.Sip.Sdp;

/// <summary>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt; (RFC 4566 §5.2).</summary>
public sealed class SdpOrigin
{
    public string Username { get; set; } = "-";

    /// <summary>Kept as text: it is a numeric string that may exceed 64 bits.</summary>
    public string SessionId { get; set; } = "0";

    public string SessionVersion { get; set; } = "0";

    public string NetType { get; set; } = "IN";

    public string AddressType { get; set; } = "IP4";

    public string Address { get; set; } = "0.0.0.0";

    public static bool TryParse(string value, out SdpOrigin origin)
    {
        var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        origin = p.Length == 6
            ? new SdpOrigin { Username = p[0], SessionId = p[1], SessionVersion = p[2], NetType = p[3], AddressType = p[4], Address = p[5] }
            : null!;
        return p.Length == 6;
    }

    /// <summary>RFC 3264 §8: each new offer or answer in a session increments the version.</summary>
    public void IncrementVersion() =>
        SessionVersion = ulong.TryParse(SessionVersion, out ulong v) ? (v + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1";

    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetType} {AddressType} {Address}";
}
