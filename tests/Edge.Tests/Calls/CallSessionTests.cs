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

/// <summary>The ring timeout a session holds: it must not keep an answered or ended call alive.</summary>
public sealed class CallSessionTests : IDisposable
{
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(45);
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5062));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly SipTransactionLayer _layer;
    private readonly SipRequest _invite;
    private int _fired;

    public CallSessionTests()
    {
        _layer = new SipTransactionLayer(Options.Create(new SipTransactionOptions()), (_, _, _) => ValueTask.FromResult(true), _time);
        _invite = new SipRequestBuilder(SipMethod.Invite, SipUri.Parse("sip:1002@127.0.0.1"))
            .AddVia("UDP", "127.0.0.1", 5062, "z9hG4bK-ring", rport: false)
            .WithFrom(new NameAddress(SipUri.Parse("sip:1001@e2e.test")) { Tag = "caller" })
            .WithTo(NameAddress.Parse("<sip:1002@e2e.test>"))
            .WithCallId("leg-caller")
            .WithCSeq(1)
            .Build();
    }

    [Fact]
    public void Ring_AnsweredBeforeTheTimeout_TimerNeverFires()
    {
        var session = NewSession();
        session.Ring(Arm());

        Assert.True(session.TryAnswer());
        _time.Advance(RingTimeout * 2);

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void Ring_EndedBeforeTheTimeout_TimerNeverFires()
    {
        var session = NewSession();
        session.Ring(Arm());

        Assert.True(session.TryEnd());
        _time.Advance(RingTimeout * 2);

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void Ring_ArmedAfterTheCallWasAnswered_DroppedAtOnce()
    {
        // The first 2xx can win the race against the code that arms the timer after starting the legs.
        var session = NewSession();
        Assert.True(session.TryAnswer());

        session.Ring(Arm());
        _time.Advance(RingTimeout * 2);

        Assert.Equal(0, _fired);
    }

    [Fact]
    public void Ring_NobodyAnswers_FiresOnce()
    {
        var session = NewSession();
        session.Ring(Arm());

        _time.Advance(RingTimeout);
        _time.Advance(RingTimeout);

        Assert.Equal(1, _fired);
    }

    public void Dispose()
    {
        _invite.Dispose();
        _layer.Dispose();
    }

    private ITimer Arm() => _time.CreateTimer(_ => Interlocked.Increment(ref _fired), null, RingTimeout, Timeout.InfiniteTimeSpan);

    private CallSession NewSession()
    {
        var transaction = _layer.Process(_invite, Phone).Server!;
        var address = new TransportAddress(SipTransport.Udp, "127.0.0.1", 5062);
        var dialog = new LegDialog("leg-caller", LegRole.Caller, "edge-tag", "caller", "sip:1002@e2e.test", "sip:1001@e2e.test", 1, 1,
            "sip:1001@127.0.0.1:5062", [], "edge-1", address, null, null);

        // The grain is never called here: the ring clock is the session's own.
        return new CallSession("call-1", null!, "tenant-1", new InboundRequest(_invite, Phone, transaction), dialog, 0);
    }
}
