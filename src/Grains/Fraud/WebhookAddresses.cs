using System.Net;
using System.Net.Sockets;

namespace Switchboard.Grains.Fraud;

/// <summary>
/// Which addresses a tenant's webhook may reach: public unicast only. Loopback, private (RFC 1918, RFC 4193),
/// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and unspecified addresses are the
/// cluster's own network, where a tenant-chosen URL must not lead (server-side request forgery).
/// </summary>
public static class WebhookAddresses
{
    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);

        // NAT64 (64:ff9b::/96, RFC 6052) reaches the IPv4 address in its last four bytes: judge that one.
        if (v6[..12].SequenceEqual(Nat64Prefix))
        {
            return IsPublic(new IPAddress(v6[12..]));
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }
}
