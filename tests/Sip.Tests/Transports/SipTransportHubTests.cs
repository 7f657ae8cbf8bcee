using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

public class SipTransportHubTests
{
    private static IOptions<SipTransportOptions> Loopback(Action<SipTransportOptions>? configure = null)
    {
        var options = new SipTransportOptions { ListenAddress = "127.0.0.1", Port = 0, TlsPort = 0 };
        configure?.Invoke(options);
        return Options.Create(options);
    }

    [Fact]
    public async Task Create_UdpTcpAndSelfSignedTls_AllBoundOnLoopback()
    {
        await using var hub = SipTransportHub.Create(Loopback(o => { o.EnableTls = true; o.TlsSelfSigned = true; }), new MessageSink().Handler, TimeProvider.System);
        hub.Start();

        Assert.Equal([SipTransportKind.Udp, SipTransportKind.Tcp, SipTransportKind.Tls], hub.Transports.Select(t => t.Kind));
        Assert.All(hub.Transports, t => Assert.Equal(IPAddress.Loopback, t.LocalEndPoint!.Address));
        Assert.All(hub.Transports, t => Assert.NotEqual(0, t.LocalEndPoint!.Port));
    }

    [Fact]
    public async Task SendAsync_RoutesByKindAndHandlerSeesSource()
    {
        var sink = new MessageSink();
        await using var hub = SipTransportHub.Create(Loopback(), sink.Handler, TimeProvider.System);
        hub.Start();
        var udp = hub.Find(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 1))!;
        var tcp = hub.Find(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 1))!;

        // The hub sends to itself: once over UDP, once over TCP.
        Assert.True(await hub.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("u")), new SipEndPoint(SipTransportKind.Udp, udp.LocalEndPoint!)));
        Assert.True(await hub.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("t")), new SipEndPoint(SipTransportKind.Tcp, tcp.LocalEndPoint!)));

        var received = new[] { await sink.NextAsync(), await sink.NextAsync() }.ToDictionary(r => r.Source.Kind, r => r.Text[^1..]);
        Assert.Equal("u", received[SipTransportKind.Udp]);
        Assert.Equal("t", received[SipTransportKind.Tcp]);
    }

    [Fact]
    public async Task Create_TrunkTlsCaPath_ServersChainingToItAreTrustedUnderTheirName()
    {
        // The hub's own self-signed certificate (SANs localhost, 127.0.0.1) as the trunk CA: it then trusts itself.
        var certificate = SipTlsCertificates.CreateSelfSigned(IPAddress.Loopback, TimeProvider.System);
        var directory = Directory.CreateTempSubdirectory("sip-ca-");
        try
        {
            var (pfx, pem) = (Path.Combine(directory.FullName, "sip.pfx"), Path.Combine(directory.FullName, "ca.pem"));
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
            await using var trusting = SipTransportHub.Create(Loopback(o => { o.EnableTls = true; o.TlsCertificatePath = pfx; o.TrunkTlsCaPath = pem; }), new MessageSink().Handler, TimeProvider.System);
            await using var systemTrust = SipTransportHub.Create(Loopback(o => { o.EnableTls = true; o.TlsCertificatePath = pfx; }), new MessageSink().Handler, TimeProvider.System);
            trusting.Start();
            systemTrust.Start();
            var tls = trusting.Find(SipTransportKind.Tls, new IPEndPoint(IPAddress.Loopback, 1))!.LocalEndPoint!;

            Assert.True(await trusting.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), new SipEndPoint(SipTransportKind.Tls, tls, ServerName: "localhost")));
            Assert.False(await trusting.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, tls, ServerName: "sip.carrier.example")));
            Assert.False(await systemTrust.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, tls, ServerName: "localhost")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_NoTransportOfThatKind_FalseNotThrown()
    {
        await using var hub = SipTransportHub.Create(Loopback(o => o.EnableTcp = false), new MessageSink().Handler, TimeProvider.System);
        hub.Start();
        Assert.False(await hub.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, new IPEndPoint(IPAddress.Loopback, 5061))));
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsNamingKey()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => SipTransportHub.Create(Loopback(o => o.ListenAddress = "edge.example"), new MessageSink().Handler, TimeProvider.System));
        Assert.Contains("Sip:ListenAddress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ReceivedDatagram_ReportedWithTransportTag()
    {
        var sink = new MessageSink();
        await using var hub = SipTransportHub.Create(Loopback(o => o.EnableTcp = false), sink.Handler, TimeProvider.System);
        hub.Start();
        using var metrics = new SipTransportMetrics(hub);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message()), hub.Transports[0].LocalEndPoint!);
        await sink.NextAsync();

        var seen = new List<(string Name, long Value, object? Transport)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SipTransportMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => seen.Add((instrument.Name, value, tags[0].Value)));
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Contains(("switchboard.sip.transport.messages.received", 1L, (object?)"udp"), seen);
    }
}
