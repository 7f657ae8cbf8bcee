namespace Switchboard.Grains.Edges;

/// <summary>
/// Where a peer's packets come from or must go to: transport, IP address (or host name for trunks) and port.
/// For a phone behind NAT this is the received source address (RFC 3581 <c>received</c>/<c>rport</c>), not
/// the address it wrote in its Contact.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TransportAddress")]
public sealed record TransportAddress(
    [property: Id(0)] SipTransport Transport,
    [property: Id(1)] string Host,
    [property: Id(2)] int Port)
{
    public override string ToString() => $"{Transport.ToString().ToLowerInvariant()}:{Host}:{Port}";
}
