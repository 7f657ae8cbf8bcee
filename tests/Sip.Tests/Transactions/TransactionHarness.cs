using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transactions;

/// <summary>A transaction layer on a fake clock with a sender that records instead of sending.</summary>
internal sealed class TransactionHarness : IDisposable
{
    public static readonly SipEndPoint Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));
    public static readonly SipEndPoint Tcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5071), ConnectionId: 7);

    public TransactionHarness(Action<SipTransactionOptions>? configure = null)
    {
        var options = new SipTransactionOptions();
        configure?.Invoke(options);
        Layer = new SipTransactionLayer(Options.Create(options), SendAsync, Time);
        Layer.ServerTransactionFailed += (transaction, error) => Failures.Add((transaction, error));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public SipTransactionLayer Layer { get; }

    public List<(string Text, SipEndPoint To)> Sent { get; } = [];

    public List<(SipServerTransaction Transaction, SipTransactionError Error)> Failures { get; } = [];

    public bool FailSends { get; set; }

    public int CountSent(string startLine) => Sent.Count(s => s.Text.StartsWith(startLine, StringComparison.Ordinal));

    public void Advance(double milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    private ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        Sent.Add((Encoding.UTF8.GetString(message.Span), destination));
        return ValueTask.FromResult(!FailSends);
    }

    public static SipRequest Request(
        SipMethod method,
        string branch = "z9hG4bK-default",
        string? toTag = null,
        string callId = "call-1@example.com",
        long cseq = 1,
        string fromTag = "from-1",
        string viaHost = "198.51.100.7",
        SipMethod? cseqMethod = null)
    {
        var to = NameAddress.Parse("<sip:bob@example.com>");
        if (toTag is not null)
        {
            to.Tag = toTag;
        }

        var builder = new SipRequestBuilder(method, SipUri.Parse("sip:bob@203.0.113.10"))
            .AddVia("UDP", viaHost, 5060, branch, rport: false)
            .WithFrom(new NameAddress(SipUri.Parse("sip:alice@example.com")) { Tag = fromTag })
            .WithTo(to)
            .WithCallId(callId)
            .WithCSeq(cseq)
            .AddRoute(NameAddress.Parse("<sip:proxy.example.com;lr>"));
        builder.CSeqMethod = cseqMethod;
        return builder.Build();
    }

    public static SipResponse Response(SipRequest request, int status, string? toTag = "to-1")
    {
        var builder = SipResponseBuilder.For(request, status);
        if (toTag is not null)
        {
            builder.WithToTag(toTag);
        }

        return builder.Build();
    }

    public void Dispose() => Layer.Dispose();
}
