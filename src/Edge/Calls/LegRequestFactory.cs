using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Calls;

/// <summary>
/// Builds the requests the B2BUA sends on a leg from the leg's dialog state (RFC 3261 §12.2.1.1): Request-URI =
/// remote target, Route = route set, From/To with the dialog's tags, our own Via and Contact. Nothing from the
/// other leg is copied except the body (topology hiding).
/// </summary>
public sealed class LegRequestFactory(SipOutbound outbound)
{
    private readonly SipParser _parser = new();

    /// <summary>Our Contact: in-dialog requests come back to an edge (any edge can serve them).</summary>
    public ContactHeader Contact => ContactHeader.For(new NameAddress(new SipUri(outbound.LocalHost, "b2bua", outbound.LocalPort)));

    public (SipRequest Request, byte[] Bytes) InDialog(LegDialog dialog, SipMethod method, long cseq, SipTransportKind transport, ReadOnlyMemory<byte> body = default, string? contentType = null, string? branch = null, SipMethod? cseqMethod = null, IEnumerable<(string Name, string Value)>? headers = null)
    {
        var builder = new SipRequestBuilder(method, SipUri.Parse(dialog.RemoteTarget))
            .AddVia(TransportMapping.ViaToken(transport), outbound.LocalHost, outbound.LocalPort, branch)
            .WithFrom(new NameAddress(SipUri.Parse(dialog.LocalUri)) { Tag = dialog.LocalTag })
            .WithTo(new NameAddress(SipUri.Parse(dialog.RemoteUri)) { Tag = dialog.RemoteTag })
            .WithCallId(dialog.LegCallId)
            .WithCSeq(cseq);
        builder.CSeqMethod = cseqMethod;
        foreach (var route in dialog.RouteSet)
        {
            builder.AddRoute(NameAddress.Parse(route));
        }

        if (method == SipMethod.Invite || method == SipMethod.Update)
        {
            builder.AddContact(Contact);
        }

        foreach (var (name, value) in headers ?? [])
        {
            builder.AddHeader(name, value);
        }

        if (!body.IsEmpty)
        {
            builder.WithBody(body, contentType ?? "application/sdp");
        }

        var bytes = builder.ToArray();
        var parsed = _parser.ParseDatagram(bytes.AsMemory()).Message as SipRequest
            ?? throw new InvalidOperationException($"Built {method} does not parse");

        // Kept by its transaction, the INVITE for as long as the call (SipMessage.Compact).
        parsed.Compact();
        return (parsed, bytes);
    }
}
