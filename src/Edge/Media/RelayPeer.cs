using System.Net;
using System.Net.Sockets;

namespace Switchboard.Edge.Media;

/// <summary>
/// One party's media address on one relay socket: where its packets come from, and so where the other party's
/// packets go (symmetric RTP, RFC 4961). Until the party has sent anything, packets to it go to the address it
/// signalled in SDP. Its packets are accepted from one source only:
/// <list type="bullet">
/// <item>a packet from the signalled address latches it for good (the normal case with a public address);</item>
/// <item>otherwise the first source latches (RFC 7362 §4: behind a NAT the source is the only address that works),
/// and every other source is dropped, except the signalled address, which may still take over once.</item>
/// </list>
/// An RTCP peer takes its first source only from the host its RTP companion latched to (or, before that, the
/// host the party signalled), at any port, since a NAT maps the RTCP port on its own.
/// So an outsider spraying the port range neither injects into the call nor, once the party has spoken, diverts
/// its audio (the "RTP bleed" attack); random relay ports (<see cref="RtpPortPool"/>) make winning the race for
/// the first packet of a NAT'd party a guess.
/// </summary>
/// <param name="rtp">For an RTCP peer, the same party's RTP peer; null for an RTP peer.</param>
public sealed class RelayPeer(RelayPeer? rtp = null)
{
    private const int Open = 0;
    private const int LatchedToFirstSource = 1;
    private const int LatchedToSignalled = 2;

    private static readonly IPEndPoint AddressTemplate = new(IPAddress.Any, 0);
    private SocketAddress? _signalled;
    private SocketAddress? _address;
    private IPEndPoint? _endpoint;
    private int _latch;

    /// <summary>Current target, or null while neither signalled nor latched (packets towards it are dropped).</summary>
    public SocketAddress? Address => Volatile.Read(ref _address);

    public IPEndPoint? Endpoint => Volatile.Read(ref _endpoint);

    public bool IsLatched => Volatile.Read(ref _latch) != Open;

    /// <summary>Address from SDP; the target until the party's first packet, which it then has to come from or lose to.</summary>
    public void Signal(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Volatile.Write(ref _signalled, endpoint.Serialize());
        if (!IsLatched)
        {
            Set(endpoint);
        }
    }

    /// <summary>
    /// Whether a packet from <paramref name="source"/> (the receive loop's reused address: not kept) is the
    /// party's, latching on it as described above. Runs per packet on one receive loop: no allocation once latched.
    /// </summary>
    public bool Accept(SocketAddress source)
    {
        var latch = Volatile.Read(ref _latch);
        if (latch == LatchedToSignalled)
        {
            return source.Equals(Volatile.Read(ref _address));
        }

        if (Volatile.Read(ref _signalled) is { } signalled && source.Equals(signalled))
        {
            if (Interlocked.CompareExchange(ref _latch, LatchedToSignalled, latch) == latch)
            {
                Set((IPEndPoint)AddressTemplate.Create(source));
            }

            return true;
        }

        if (latch == LatchedToFirstSource)
        {
            return source.Equals(Volatile.Read(ref _address));
        }

        if (rtp?.PartyHost is { } host && !SameHost(source, host))
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _latch, LatchedToFirstSource, Open) == Open)
        {
            Set((IPEndPoint)AddressTemplate.Create(source));
            return true;
        }

        return source.Equals(Volatile.Read(ref _address));
    }

    /// <summary>The host the party is known to send from: its latched source, else its signalled address.</summary>
    private SocketAddress? PartyHost => IsLatched ? Volatile.Read(ref _address) : Volatile.Read(ref _signalled);

    /// <summary>Same family and IP address, any port (sockaddr_in: address at bytes 4-7; sockaddr_in6: bytes 8-23).</summary>
    private static bool SameHost(SocketAddress a, SocketAddress b)
    {
        if (a.Family != b.Family)
        {
            return false;
        }

        var (offset, length) = a.Family == AddressFamily.InterNetworkV6 ? (8, 16) : (4, 4);
        return a.Size >= offset + length && b.Size >= offset + length
            && a.Buffer.Span.Slice(offset, length).SequenceEqual(b.Buffer.Span.Slice(offset, length));
    }

    /// <summary>A re-INVITE moved the party's media (RFC 3264 §8.3.1): forget the latch and follow the new offer.</summary>
    public void Resignal(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Volatile.Write(ref _signalled, endpoint.Serialize());
        Set(endpoint);
        Volatile.Write(ref _latch, Open);
    }

    private void Set(IPEndPoint endpoint)
    {
        Volatile.Write(ref _endpoint, endpoint);
        Volatile.Write(ref _address, endpoint.Serialize());
    }
}
