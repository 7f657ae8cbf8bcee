namespace Switchboard.Sip.Sdp;

/// <summary>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt; (RFC 4566 §5.7); multicast suffixes stay in <see cref="Address"/>.</summary>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    /// <summary>A unicast IN connection; the address type follows from the address.</summary>
    public static SdpConnection For(string address) => new("IN", address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4", address);

    /// <summary>RFC 2543 hold: c=IN IP4 0.0.0.0 (recognised, not generated; RFC 3264 §8.4).</summary>
    public bool IsNullAddress => Address is "0.0.0.0" or "::";

    public static bool TryParse(string value, out SdpConnection connection)
    {
        var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        connection = p.Length == 3 ? new SdpConnection(p[0], p[1], p[2]) : null!;
        return p.Length == 3;
    }

    public override string ToString() => $"{NetType} {AddressType} {Address}";
}
