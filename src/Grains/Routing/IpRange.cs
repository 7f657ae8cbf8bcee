using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Grains.Routing;

/// <summary>
/// An IPv4 or IPv6 address or CIDR block (RFC 4632) a trunk's carrier sends from. A single address is a /32
/// (/128). IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) match IPv4 ranges, because a
/// dual-stack socket reports IPv4 peers that way.
/// </summary>
public sealed class IpRange
{
    private readonly byte[] _network;

    private IpRange(byte[] network, int prefixLength, string text)
    {
        _network = network;
        PrefixLength = prefixLength;
        Text = text;
    }

    public int PrefixLength { get; }

    public string Text { get; }

    /// <summary>Network address and prefix length, e.g. <c>192.0.2.0/24</c> for <c>192.0.2.77/24</c>.</summary>
    public string Canonical => $"{new IPAddress(_network)}/{PrefixLength}";

    public AddressFamily Family => _network.Length == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public static bool TryParse(string? text, [NotNullWhen(true)] out IpRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        address = Normalise(address);
        var bytes = address.GetAddressBytes();
        var maxBits = bytes.Length * 8;
        var prefix = maxBits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out prefix) || prefix > maxBits))
        {
            return false;
        }

        Mask(bytes, prefix);
        range = new IpRange(bytes, prefix, text);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        var bytes = Normalise(address).GetAddressBytes();
        if (bytes.Length != _network.Length)
        {
            return false;
        }

        Mask(bytes, PrefixLength);
        return bytes.AsSpan().SequenceEqual(_network);
    }

    public override string ToString() => Text;

    private static IPAddress Normalise(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static void Mask(byte[] bytes, int prefix)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsHere = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsHere));
        }
    }
}
