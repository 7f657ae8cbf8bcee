using System.Globalization;

namespace Switchboard.Sip.Sdp;

/// <summary>RFC 3264 offer/answer helpers for a B2BUA with an RTP relay: anchoring media, hold, and answering.</summary>
public static class SdpOfferAnswer
{
    /// <summary>
    /// Points every active stream at the relay: session c= and o= address become <paramref name="address"/>,
    /// media-level c= lines are dropped, and stream i gets <paramref name="ports"/>[i]. Rejected streams (port 0)
    /// stay rejected (RFC 3264 §8.2). An a=rtcp port (RFC 3605) follows as port + 1. The o= version is bumped (§8).
    /// </summary>
    public static void RewriteConnection(SdpSession session, string address, IReadOnlyList<int> ports)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(ports);
        if (ports.Count < session.Media.Count)
        {
            throw new ArgumentException($"{session.Media.Count} media streams need as many ports, got {ports.Count}.", nameof(ports));
        }

        var connection = SdpConnection.For(address);
        session.Connection = connection;
        session.Origin.Address = address;
        session.Origin.AddressType = connection.AddressType;
        session.Origin.IncrementVersion();
        for (int i = 0; i < session.Media.Count; i++)
        {
            var m = session.Media[i];
            m.Connection = null;
            if (m.Port == 0)
            {
                continue;
            }

            m.Port = ports[i];
            if (m.HasAttribute("rtcp"))
            {
                m.SetAttribute("rtcp", (ports[i] + 1).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// Puts the session on hold or takes it off (RFC 3264 §8.4): sendrecv becomes sendonly, recvonly becomes inactive;
    /// resuming restores sendrecv. The o= version is bumped.
    /// </summary>
    public static void SetHold(SdpSession session, bool hold)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var m in session.Media)
        {
            if (m.Port == 0)
            {
                continue;
            }

            var current = session.EffectiveDirection(m);
            m.Direction = hold
                ? current is SdpDirection.RecvOnly or SdpDirection.Inactive ? SdpDirection.Inactive : SdpDirection.SendOnly
                : SdpDirection.SendRecv;
        }

        session.Direction = null;
        session.Origin.IncrementVersion();
    }

    /// <summary>
    /// True when every active stream is sendonly or inactive, or is sent to 0.0.0.0 (the RFC 2543 form that §8.4
    /// still asks answerers to recognise). A session without active streams is not on hold.
    /// </summary>
    public static bool IsOnHold(SdpSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        bool any = false;
        foreach (var m in session.Media)
        {
            if (m.Port == 0)
            {
                continue;
            }

            any = true;
            bool held = session.EffectiveDirection(m) is SdpDirection.SendOnly or SdpDirection.Inactive
                || session.EffectiveConnection(m)?.IsNullAddress == true;
            if (!held)
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>
    /// Builds an answer (RFC 3264 §6): one stream per offered stream, same order. Each RTP stream keeps the offered
    /// payload types whose codec is in <paramref name="supported"/>, in the offerer's order, with their rtpmap and
    /// fmtp (so telephone-event keeps its events). A stream with no common codec, or of a kind we do not relay, is
    /// rejected with port 0. Direction mirrors the offer (sendonly ↔ recvonly). a=crypto is not answered: the relay
    /// does not terminate SRTP, so a SAVP offer without common ground is rejected the same way.
    /// </summary>
    public static SdpSession CreateAnswer(SdpSession offer, IReadOnlyList<SdpCodec> supported, string address, IReadOnlyList<int> ports)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(supported);
        ArgumentNullException.ThrowIfNull(ports);
        var answer = new SdpSession
        {
            Origin = new SdpOrigin
            {
                SessionId = RandomSessionId(),
                SessionVersion = "1",
                AddressType = SdpConnection.For(address).AddressType,
                Address = address,
            },
            SessionName = "-",
            Connection = SdpConnection.For(address),
        };
        answer.Lines.Add(new SdpLine('t', "0 0"));

        for (int i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            var m = new SdpMedia(offered.Media, 0, offered.Protocol, []);
            answer.Media.Add(m);
            bool rtp = offered.Protocol.Equals("RTP/AVP", StringComparison.OrdinalIgnoreCase);
            if (offered.Port != 0 && rtp && i < ports.Count)
            {
                foreach (var format in offered.Formats)
                {
                    if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int pt) || offered.GetRtpMap(pt) is not { } map
                        || !supported.Any(c => c.Matches(map)))
                    {
                        continue;
                    }

                    m.Formats.Add(format);
                    if (offered.Attributes.Any(a => a.Name == "rtpmap" && a.Value?.StartsWith(format + " ", StringComparison.Ordinal) == true))
                    {
                        m.Attributes.Add(new SdpAttribute("rtpmap", map.ToAttributeValue()));
                    }

                    if (offered.GetFmtp(pt) is { } fmtp)
                    {
                        m.Attributes.Add(new SdpAttribute("fmtp", string.Concat(format, " ", fmtp)));
                    }
                }
            }

            // A stream needs at least one format even when rejected (RFC 3264 §6): echo the offer's.
            bool audible = m.Formats.Any(f => offered.GetRtpMap(int.Parse(f, CultureInfo.InvariantCulture)) is { } r
                && !r.Encoding.Equals("telephone-event", StringComparison.OrdinalIgnoreCase));
            if (!audible)
            {
                m.Formats.Clear();
                m.Attributes.Clear();
                m.Formats.AddRange(offered.Formats.Take(1));
                continue;
            }

            m.Port = ports[i];
            if (offered.GetAttribute("ptime") is { } ptime)
            {
                m.Attributes.Add(new SdpAttribute("ptime", ptime));
            }

            m.Direction = offer.EffectiveDirection(offered) switch
            {
                SdpDirection.SendOnly => SdpDirection.RecvOnly,
                SdpDirection.RecvOnly => SdpDirection.SendOnly,
                SdpDirection.Inactive => SdpDirection.Inactive,
                _ => SdpDirection.SendRecv,
            };
        }

        return answer;
    }

    private static string RandomSessionId()
    {
        // o= sess-id is a numeric string (RFC 4566 §5.2); 63 random bits keep it positive.
        return SecureRandom.GetInt63().ToString(CultureInfo.InvariantCulture);
    }
}
