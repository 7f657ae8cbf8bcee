using System.Net;

namespace Switchboard.Sip.Transports;

/// <summary>End point normalisation shared by the transports.</summary>
internal static class SipAddresses
{
    /// <summary>
    /// A dual-mode socket reports IPv4 peers as <c>::ffff:a.b.c.d</c>; unmapping them gives one key per peer for
    /// connection reuse and the plain IPv4 address the RFC 3581 <c>received</c> parameter must carry.
    /// </summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    public static IPEndPoint? Normalize(EndPoint? endPoint) => endPoint is IPEndPoint ip ? Normalize(ip) : null;

    /// <summary>Whether a socket bound to <paramref name="local"/> (dual-mode if IPv6 any) can send to <paramref name="remote"/>.</summary>
    public static bool CanReach(IPEndPoint? local, bool dualMode, IPEndPoint remote) =>
        local is not null && (local.AddressFamily == remote.AddressFamily || (dualMode && remote.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork));
}
