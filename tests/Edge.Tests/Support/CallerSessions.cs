using System.Net;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Signalling;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// Call sessions on one caller INVITE (Call-ID <c>leg-caller</c>) from a phone on loopback, with a transaction layer
/// that sends nothing, for tests of what a session and the call table do without a cluster.
/// </summary>
public sealed class CallerSessions : IDisposable
{
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5062));

    private readonly SipTransactionLayer _layer;
    private readonly SipRequest _invite;
    private InboundRequest? _inbound;

    public CallerSessions(TimeProvider time)
    {
        _layer = new SipTransactionLayer(Options.Create(new SipTransactionOptions()), (_, _, _) => ValueTask.FromResult(true), time);
        _invite = new SipRequestBuilder(SipMethod.Invite, SipUri.Parse("sip:1002@127.0.0.1"))
            .AddVia("UDP", "127.0.0.1", 5062, "z9hG4bK-caller", rport: false)
            .WithFrom(new NameAddress(SipUri.Parse("sip:1001@e2e.test")) { Tag = "caller" })
            .WithTo(NameAddress.Parse("<sip:1002@e2e.test>"))
            .WithCallId("leg-caller")
            .WithCSeq(1)
            .Build();
    }

    /// <summary>A session of call <paramref name="callId"/> on the INVITE; its grain is never called.</summary>
    public CallSession NewSession(string callId)
    {
        _inbound ??= new InboundRequest(_invite, Phone, _layer.Process(_invite, Phone).Server!);
        var address = new TransportAddress(SipTransport.Udp, "127.0.0.1", 5062);
        var dialog = new LegDialog("leg-caller", LegRole.Caller, DialogTag.For(callId), "caller", "sip:1002@e2e.test",
            "sip:1001@e2e.test", 1, 1, "sip:1001@127.0.0.1:5062", [], "edge-1", address, null, null);
        return new CallSession(callId, null!, "tenant-1", _inbound, dialog, 0);
    }

    public void Dispose()
    {
        _invite.Dispose();
        _layer.Dispose();
    }
}
