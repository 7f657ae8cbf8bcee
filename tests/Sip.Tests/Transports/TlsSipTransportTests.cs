using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

public sealed class TlsSipTransportTests : IAsyncLifetime
{
    private readonly List<StreamSipTransport> _transports = [];

    private StreamSipTransport StartTls(SipMessageHandler handler, SipTlsSettings settings)
    {
        var options = new SipTransportOptions { MaxMessageSize = 4000, ConnectTimeout = TimeSpan.FromSeconds(5) };
        var transport = StreamSipTransport.CreateTls(new IPEndPoint(IPAddress.Loopback, 0), options, settings, handler, TimeProvider.System, NullLogger<StreamSipTransport>.Instance);
        _transports.Add(transport);
        transport.Start();
        return transport;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }

    [Fact]
    public async Task Send_SelfSignedTrustedByCallback_RequestAndResponseCrossOneConnection()
    {
        var certificate = SipTlsCertificates.CreateSelfSigned(IPAddress.Loopback, TimeProvider.System);
        var serverSink = new MessageSink();
        var clientSink = new MessageSink();
        var server = StartTls(serverSink.Handler, new SipTlsSettings(certificate));
        var client = StartTls(clientSink.Handler, new SipTlsSettings(certificate, (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString()));

        var request = MessageSink.Message("over tls");
        Assert.True(await client.SendAsync(Encoding.UTF8.GetBytes(request), new SipEndPoint(SipTransportKind.Tls, server.LocalEndPoint!)));
        var (text, source) = await serverSink.NextAsync();
        Assert.Equal(request, text);
        Assert.Equal(SipTransportKind.Tls, source.Kind);

        Assert.True(await server.SendAsync(Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"), source));
        var (reply, replySource) = await clientSink.NextAsync();
        Assert.StartsWith("SIP/2.0 200 OK", reply, StringComparison.Ordinal);
        Assert.Equal(server.LocalEndPoint, replySource.Remote);
        Assert.Equal(0, server.Stats.ConnectionsOpened);
    }

    [Fact]
    public async Task Send_UntrustedSelfSignedWithDefaultValidation_FalseAndHandshakeFailureCounted()
    {
        var certificate = SipTlsCertificates.CreateSelfSigned(IPAddress.Loopback, TimeProvider.System);
        var server = StartTls(new MessageSink().Handler, new SipTlsSettings(certificate));
        var client = StartTls(new MessageSink().Handler, new SipTlsSettings(certificate));

        Assert.False(await client.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, server.LocalEndPoint!)));
        Assert.Equal(1, client.Stats.TlsHandshakeFailures);
        Assert.Equal(0, client.ConnectionCount);
    }

    [Fact]
    public void CreateSelfSigned_ListenAddress_HasPrivateKeyAndNamesTheAddress()
    {
        var address = IPAddress.Parse("192.0.2.10");
        using var certificate = SipTlsCertificates.CreateSelfSigned(address, TimeProvider.System);
        Assert.True(certificate.HasPrivateKey);
        Assert.True(certificate.MatchesHostname("192.0.2.10"));
        Assert.True(certificate.MatchesHostname("localhost"));
    }
}
