using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Signalling;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Tests.Calls;

public sealed class CallTableTests : IDisposable
{
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5062));

    private readonly SipTransactionLayer _layer = new(
        Options.Create(new SipTransactionOptions()), (_, _, _) => ValueTask.FromResult(true), new FakeTimeProvider());

    private readonly SipRequest _invite = new SipRequestBuilder(SipMethod.Invite, SipUri.Parse("sip:1002@127.0.0.1"))
        .AddVia("UDP", "127.0.0.1", 5062, "z9hG4bK-table", rport: false)
        .WithFrom(new NameAddress(SipUri.Parse("sip:1001@e2e.test")) { Tag = "caller" })
        .WithTo(NameAddress.Parse("<sip:1002@e2e.test>"))
        .WithCallId("leg-caller")
        .WithCSeq(1)
        .Build();

    [Fact]
    public void TryAdd_SecondCallOnTheSameCallerCallId_RefusedAndTheFirstKept()
    {
        var table = new CallTable();
        var inbound = new InboundRequest(_invite, Phone, _layer.Process(_invite, Phone).Server!);
        var first = Session(inbound, CallKeys.NewCallId());
        var second = Session(inbound, CallKeys.NewCallId());

        Assert.True(table.TryAdd(first));
        Assert.False(table.TryAdd(second));

        Assert.Same(first, table.FindByLeg("leg-caller"));
        Assert.Null(table.FindByCall(second.CallId));
        Assert.Equal(1, table.Count);
        Assert.True(table.Remove(first));
        Assert.True(table.TryAdd(second));
    }

    [Fact]
    public void RemoveLeg_ACalleeLegThatNeverStarted_NoLongerFound()
    {
        var table = new CallTable();
        var session = Session(new InboundRequest(_invite, Phone, _layer.Process(_invite, Phone).Server!), CallKeys.NewCallId());
        table.TryAdd(session);
        table.AddLeg(session, "leg-callee");

        table.RemoveLeg("leg-callee");

        Assert.Null(table.FindByLeg("leg-callee"));
        Assert.Same(session, table.FindByLeg("leg-caller"));
    }

    public void Dispose()
    {
        _invite.Dispose();
        _layer.Dispose();
    }

    private static CallSession Session(InboundRequest inbound, string callId)
    {
        var address = new TransportAddress(SipTransport.Udp, "127.0.0.1", 5062);
        var dialog = new LegDialog("leg-caller", LegRole.Caller, DialogTag.For(callId), "caller", "sip:1002@e2e.test",
            "sip:1001@e2e.test", 1, 1, "sip:1001@127.0.0.1:5062", [], "edge-1", address, null, null);
        return new CallSession(callId, null!, "tenant-1", inbound, dialog, 0);
    }
}
