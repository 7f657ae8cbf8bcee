using System.Net;
using System.Net.Sockets;

namespace Switchboard.Edge.Media;

/// <summary>
/// Where relayed packets for one party go. Starts at the address the party signalled in SDP; the first packet
/// the party sends us replaces it with the packet's source (symmetric RTP, RFC 4961; latching, RFC 7362 §4),
/// which is the only address that works when the party sits behind a NAT that rewrote its ports.
/// </summary>
public sealed class RelayPeer
{
    private static readonly IPEndPoint AddressTemplate = new(IPAddress.Any, 0);
    private SocketAddress? _address;
    private IPEndPoint? _endpoint;
    private int _latched;

    /// <summary>Current target, or null while neither signalled nor latched (packets towards it are dropped).</summary>
    public SocketAddress? Address => Volatile.Read(ref _address);

    public IPEndPoint? Endpoint => Volatile.Read(ref _endpoint);

    public bool IsLatched => Volatile.Read(ref _latched) == 1;

    /// <summary>Address from SDP; ignored once latched, because the source we saw beats what the party claims.</summary>
    public void Signal(IPEndPoint endpoint)
    {
        if (!IsLatched)
        {
            Set(endpoint);
        }
    }

    /// <summary>Latches onto the source of the first packet; later sources are ignored so a stray sender cannot hijack the stream.</summary>
    public void Latch(SocketAddress source)
    {
        if (Interlocked.CompareExchange(ref _latched, 1, 0) == 0)
        {
            Set((IPEndPoint)AddressTemplate.Create(source));
        }
    }

    /// <summary>A re-INVITE moved the party's media (RFC 3264 §8.3.1): forget the latch and follow the new offer.</summary>
    public void Resignal(IPEndPoint endpoint)
    {
        Volatile.Write(ref _latched, 0);
        Set(endpoint);
    }

    private void Set(IPEndPoint endpoint)
    {
        Volatile.Write(ref _endpoint, endpoint);
        Volatile.Write(ref _address, endpoint.Serialize());
    }
}
