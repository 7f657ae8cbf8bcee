using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Sip.Transports;
using Switchboard.TestKit.Tls;

namespace Switchboard.Sip.Tests.Transports;

/// <summary>
/// RFC 5922 §4: an outbound TLS connection checks the server's certificate against the name the trunk was
/// configured with (<see cref="SipEndPoint.ServerName"/>), not the address it resolved to. A private CA made here
/// is the only trusted root (<see cref="SipTlsSettings.TrustedAuthorities"/>, what <c>Sip:TrunkTlsCaPath</c> loads).
/// </summary>
public sealed class TlsServerNameTests : IAsyncLifetime, IDisposable
{
    private const string TrunkHost = "sip.carrier.example";
    private readonly List<StreamSipTransport> _transports = [];
    private readonly TestCertificateAuthority _authority = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }

    public void Dispose() => _authority.Dispose();

    [Fact]
    public async Task Send_CertificateNamesTheTrunkHost_ConnectsAndDelivers()
    {
        var sink = new MessageSink();
        var server = Start(sink.Handler, _authority.IssueServer(TrunkHost));
        var client = Start(new MessageSink().Handler, _authority.IssueServer("edge.example"));

        var request = MessageSink.Message("to the carrier");
        Assert.True(await client.SendAsync(Encoding.UTF8.GetBytes(request), To(server, TrunkHost)));

        Assert.Equal(request, (await sink.NextAsync()).Text);
        Assert.Equal(0, client.Stats.TlsHandshakeFailures);
    }

    [Fact]
    public async Task Send_CertificateForAnotherName_Refused()
    {
        var server = Start(new MessageSink().Handler, _authority.IssueServer("other.example"));
        var client = Start(new MessageSink().Handler, _authority.IssueServer("edge.example"));

        Assert.False(await client.SendAsync("x"u8.ToArray(), To(server, TrunkHost)));
        Assert.Equal(1, client.Stats.TlsHandshakeFailures);
    }

    [Fact]
    public async Task Send_ByAddressToACertificateNamingAHost_Refused()
    {
        // The address the name resolved to is no identity: without the configured name, the check is against the IP.
        var server = Start(new MessageSink().Handler, _authority.IssueServer(TrunkHost));
        var client = Start(new MessageSink().Handler, _authority.IssueServer("edge.example"));

        Assert.False(await client.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, server.LocalEndPoint!)));
        Assert.Equal(1, client.Stats.TlsHandshakeFailures);
    }

    [Fact]
    public async Task Send_TrunkConfiguredByAddressAndCertificateNamesIt_Connects()
    {
        var server = Start(new MessageSink().Handler, _authority.IssueServer(TrunkHost, IPAddress.Loopback));
        var client = Start(new MessageSink().Handler, _authority.IssueServer("edge.example"));

        // A host given as an address is located without a name (SipServerLocator): the address is checked.
        Assert.True(await client.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, server.LocalEndPoint!)));
    }

    [Fact]
    public async Task Send_RightNameFromAnUntrustedAuthority_Refused()
    {
        using var stranger = new TestCertificateAuthority("Switchboard Test Trunk CA");
        var server = Start(new MessageSink().Handler, stranger.IssueServer(TrunkHost));
        var client = Start(new MessageSink().Handler, _authority.IssueServer("edge.example"));

        Assert.False(await client.SendAsync("x"u8.ToArray(), To(server, TrunkHost)));
    }

    [Fact]
    public async Task Send_ConnectionThePeerOpened_ReusedByAddressButNotForANamedDestination()
    {
        // A phone registered over TLS is reached over its own connection (by address, as the locator gives it). A
        // carrier's own connection proved nothing about who it is: a request for its name opens one of ours.
        var carrierSink = new MessageSink();
        var edgeSink = new MessageSink();
        var carrier = Start(carrierSink.Handler, _authority.IssueServer("other.example"));
        var edge = Start(edgeSink.Handler, _authority.IssueServer("edge.example"));
        Assert.True(await carrier.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("inbound")), new SipEndPoint(SipTransportKind.Tls, edge.LocalEndPoint!, ServerName: "edge.example")));
        var (_, source) = await edgeSink.NextAsync();

        Assert.True(await edge.SendAsync("x"u8.ToArray(), source));
        Assert.True(await edge.SendAsync("x"u8.ToArray(), source with { ConnectionId = 0 }));
        Assert.False(await edge.SendAsync("x"u8.ToArray(), source with { ConnectionId = 0, ServerName = TrunkHost }));
    }

    private StreamSipTransport Start(SipMessageHandler handler, X509Certificate2 certificate)
    {
        var options = new SipTransportOptions { MaxMessageSize = 4000, ConnectTimeout = TimeSpan.FromSeconds(5) };
        var settings = new SipTlsSettings(certificate, TrustedAuthorities: [_authority.Certificate]);
        var transport = StreamSipTransport.CreateTls(new IPEndPoint(IPAddress.Loopback, 0), options, settings, handler, TimeProvider.System, NullLogger<StreamSipTransport>.Instance);
        _transports.Add(transport);
        transport.Start();
        return transport;
    }

    private static SipEndPoint To(StreamSipTransport server, string name) =>
        new(SipTransportKind.Tls, server.LocalEndPoint!, ServerName: name);
}
