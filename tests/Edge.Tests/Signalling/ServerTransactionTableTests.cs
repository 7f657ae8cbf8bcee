using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Edge.Signalling;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Tests.Signalling;

public sealed class ServerTransactionTableTests
{
    private static readonly SipEndPoint Phone = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Begin_SameBranchTwice_SecondIsRetransmission()
    {
        var table = new ServerTransactionTable(_clock);

        var first = table.Begin(Request("INVITE", "z9hG4bK-a"), Phone, out var firstRetransmitted);
        var second = table.Begin(Request("INVITE", "z9hG4bK-a"), Phone, out var secondRetransmitted);

        Assert.False(firstRetransmitted);
        Assert.True(secondRetransmitted);
        Assert.Same(first, second);
    }

    [Fact]
    public void FindInvite_CancelWithInviteBranch_FindsTheInvite()
    {
        var table = new ServerTransactionTable(_clock);
        var invite = table.Begin(Request("INVITE", "z9hG4bK-b"), Phone, out _);

        var cancel = table.Begin(Request("CANCEL", "z9hG4bK-b"), Phone, out var retransmitted);

        Assert.False(retransmitted);
        Assert.NotSame(invite, cancel);
        Assert.Same(invite, table.FindInvite(cancel.Request));
    }

    [Fact]
    public void Begin_AfterLifetime_StartsAFreshTransaction()
    {
        var table = new ServerTransactionTable(_clock);
        var old = table.Begin(Request("OPTIONS", "z9hG4bK-c"), Phone, out _);
        _clock.Advance(TimeSpan.FromSeconds(40));

        var fresh = table.Begin(Request("OPTIONS", "z9hG4bK-c"), Phone, out var retransmitted);

        Assert.False(retransmitted);
        Assert.NotSame(old, fresh);
    }

    [Fact]
    public void TryRecord_SecondFinal_Refused()
    {
        var transaction = new ServerTransaction(Request("INVITE", "z9hG4bK-d"), Phone, _clock.GetUtcNow());

        Assert.True(transaction.TryRecord(180, [1]));
        Assert.True(transaction.TryRecord(487, [2]));
        Assert.False(transaction.TryRecord(200, [3]));
        Assert.False(transaction.TryRecord(183, [4]));
        Assert.Equal(487, transaction.FinalStatus);
        Assert.Equal([2], transaction.LastResponse);
    }

    private static SipRequest Request(string method, string branch)
    {
        var text = $"{method} sip:1002@e2e.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch={branch}\r\n" +
            "Max-Forwards: 70\r\nTo: <sip:1002@e2e.test>\r\nFrom: <sip:1001@e2e.test>;tag=1\r\n" +
            $"Call-ID: call-{branch}\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest)new SipParser().ParseDatagram(Encoding.ASCII.GetBytes(text).AsMemory()).Message!;
    }
}
