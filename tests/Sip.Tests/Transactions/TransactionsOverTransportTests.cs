using System.Net;
using Microsoft.Extensions.Options;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transactions;

/// <summary>The edge's wiring end to end on 127.0.0.1: transport → parser → transaction layer → TU and back.</summary>
public class TransactionsOverTransportTests
{
    private sealed class Edge : IAsyncDisposable
    {
        private readonly SipParser _parser = new();

        public Edge(SipTransportKind kind)
        {
            var options = Options.Create(new SipTransportOptions
            {
                Port = 0,
                EnableUdp = kind == SipTransportKind.Udp,
                EnableTcp = kind == SipTransportKind.Tcp,
            });
            Hub = SipTransportHub.Create(options, OnMessage, TimeProvider.System);
            Layer = new SipTransactionLayer(Options.Create(new SipTransactionOptions()), Hub.SendAsync, TimeProvider.System, _parser);
            Hub.Start();
        }

        public SipTransportHub Hub { get; }

        public SipTransactionLayer Layer { get; }

        public SipEndPoint Address(SipTransportKind kind) => new(kind, Hub.Transports[0].LocalEndPoint!);

        // What the edge's receive handler does: parse the borrowed bytes, let the transaction layer decide,
        // and (as a toy TU) answer every new request 200 while the request is still valid.
        private void OnMessage(ReadOnlyMemory<byte> bytes, SipEndPoint source)
        {
            var parsed = _parser.ParseDatagram(bytes);
            if (parsed.Status != SipParseStatus.Complete)
            {
                return;
            }

            using var message = parsed.Message!;
            var result = Layer.Process(message, source);
            if (result.Kind == SipIncomingKind.NewRequest)
            {
                result.Server!.Respond(SipResponseBuilder.For((SipRequest)message, 200).WithToTag("uas"));
            }
        }

        public async ValueTask DisposeAsync()
        {
            Layer.Dispose();
            await Hub.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public async Task Options_ClientToServerEdge_CompletesWith200(SipTransportKind kind)
    {
        await using var server = new Edge(kind);
        await using var client = new Edge(kind);
        var target = server.Address(kind);
        using var options = new SipRequestBuilder(SipMethod.Options, SipUri.Parse($"sip:{target.Remote}"))
            .AddVia(kind.ToString().ToUpperInvariant(), "127.0.0.1", client.Address(kind).Remote.Port)
            .WithFrom(new NameAddress(SipUri.Parse("sip:probe@127.0.0.1")) { Tag = SipIdGenerator.NewTag() })
            .WithTo(NameAddress.Parse($"<sip:{target.Remote}>"))
            .WithCallId(SipIdGenerator.NewCallId())
            .WithCSeq(1)
            .Build();

        var tx = client.Layer.SendRequest(options, target);
        var finished = await Task.WhenAny(tx.Completion, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(tx.Completion, finished);
        var result = await tx.Completion;
        using var response = result.Response;
        Assert.Equal(SipClientOutcome.Response, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("uas", response!.To.Tag);
        Assert.Equal(IPAddress.Loopback, target.Remote.Address);
    }
}
