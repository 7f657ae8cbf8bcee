using System.Net;
using Switchboard.Sip.Sdp;

namespace Switchboard.Edge.Media;

/// <summary>
/// Media anchoring in SDP (RFC 3264): the party's first audio stream is pointed at a relay port, any further
/// streams are refused (port 0, §8.2) because the relay carries one RTP/RTCP pair per side.
/// </summary>
public static class SdpRelayRewriter
{
    /// <summary>
    /// Rewrites <paramref name="body"/> to <paramref name="address"/>:<paramref name="port"/> and returns where the
    /// party said it receives media (null for an unreadable body, which is then passed on unchanged).
    /// </summary>
    public static IPEndPoint? Rewrite(ReadOnlySpan<byte> body, string address, int port, out byte[]? rewritten)
    {
        rewritten = null;
        if (body.IsEmpty || !SdpSession.TryParse(body, out var session, out _) || session.Media.Count == 0)
        {
            return null;
        }

        var first = session.Media[0];
        var connection = session.EffectiveConnection(first);
        IPEndPoint? party = connection is not null && IPAddress.TryParse(connection.Address, out var ip) && first.Port > 0
            ? new IPEndPoint(ip, first.Port)
            : null;
        var ports = new int[session.Media.Count];
        ports[0] = port;
        SdpOfferAnswer.RewriteConnection(session, address, ports);
        rewritten = session.ToArray();
        return party;
    }
}
