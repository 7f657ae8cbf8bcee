namespace Switchboard.Grains.Edges;

/// <summary>The SIP transport of a hop (RFC 3261 §18). Values never change once stored in grain state.</summary>
[GenerateSerializer, Alias("Switchboard.SipTransport")]
public enum SipTransport
{
    Udp = 0,
    Tcp = 1,
    Tls = 2,
}
