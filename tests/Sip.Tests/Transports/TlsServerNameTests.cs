using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Sip.Transports;

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
    private readonly X509Certificate2 _authority = CreateAuthority();

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
        var server = Start(sink.Handler, Issue(TrunkHost));
        var client = Start(new MessageSink().Handler, Issue("edge.example"));

        var request = MessageSink.Message("to the carrier");
        Assert.True(await client.SendAsync(Encoding.UTF8.GetBytes(request), To(server, TrunkHost)));

        Assert.Equal(request, (await sink.NextAsync()).Text);
        Assert.Equal(0, client.Stats.TlsHandshakeFailures);
    }

    [Fact]
    public async Task Send_CertificateForAnotherName_Refused()
    {
        var server = Start(new MessageSink().Handler, Issue("other.example"));
        var client = Start(new MessageSink().Handler, Issue("edge.example"));

        Assert.False(await client.SendAsync("x"u8.ToArray(), To(server, TrunkHost)));
        Assert.Equal(1, client.Stats.TlsHandshakeFailures);
    }

    [Fact]
    public async Task Send_ByAddressToACertificateNamingAHost_Refused()
    {
        // The address the name resolved to is no identity: without the configured name, the check is against the IP.
        var server = Start(new MessageSink().Handler, Issue(TrunkHost));
        var client = Start(new MessageSink().Handler, Issue("edge.example"));

        Assert.False(await client.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, server.LocalEndPoint!)));
        Assert.Equal(1, client.Stats.TlsHandshakeFailures);
    }

    [Fact]
    public async Task Send_TrunkConfiguredByAddressAndCertificateNamesIt_Connects()
    {
        var server = Start(new MessageSink().Handler, Issue(TrunkHost, IPAddress.Loopback));
        var client = Start(new MessageSink().Handler, Issue("edge.example"));

        // A host given as an address is located without a name (SipServerLocator): the address is checked.
        Assert.True(await client.SendAsync("x"u8.ToArray(), new SipEndPoint(SipTransportKind.Tls, server.LocalEndPoint!)));
    }

    [Fact]
    public async Task Send_RightNameFromAnUntrustedAuthority_Refused()
    {
        using var stranger = CreateAuthority();
        var server = Start(new MessageSink().Handler, Issue(TrunkHost, issuer: stranger));
        var client = Start(new MessageSink().Handler, Issue("edge.example"));

        Assert.False(await client.SendAsync("x"u8.ToArray(), To(server, TrunkHost)));
    }

    [Fact]
    public async Task Send_ConnectionThePeerOpened_ReusedByAddressButNotForANamedDestination()
    {
        // A phone registered over TLS is reached over its own connection (by address, as the locator gives it). A
        // carrier's own connection proved nothing about who it is: a request for its name opens one of ours.
        var carrierSink = new MessageSink();
        var edgeSink = new MessageSink();
        var carrier = Start(carrierSink.Handler, Issue("other.example"));
        var edge = Start(edgeSink.Handler, Issue("edge.example"));
        Assert.True(await carrier.SendAsync(Encoding.UTF8.GetBytes(MessageSink.Message("inbound")), new SipEndPoint(SipTransportKind.Tls, edge.LocalEndPoint!, ServerName: "edge.example")));
        var (_, source) = await edgeSink.NextAsync();

        Assert.True(await edge.SendAsync("x"u8.ToArray(), source));
        Assert.True(await edge.SendAsync("x"u8.ToArray(), source with { ConnectionId = 0 }));
        Assert.False(await edge.SendAsync("x"u8.ToArray(), source with { ConnectionId = 0, ServerName = TrunkHost }));
    }

    private StreamSipTransport Start(SipMessageHandler handler, X509Certificate2 certificate)
    {
        var options = new SipTransportOptions { MaxMessageSize = 4000, ConnectTimeout = TimeSpan.FromSeconds(5) };
        var settings = new SipTlsSettings(certificate, TrustedAuthorities: [X509CertificateLoader.LoadCertificate(_authority.RawData)]);
        var transport = StreamSipTransport.CreateTls(new IPEndPoint(IPAddress.Loopback, 0), options, settings, handler, TimeProvider.System, NullLogger<StreamSipTransport>.Instance);
        _transports.Add(transport);
        transport.Start();
        return transport;
    }

    private static SipEndPoint To(StreamSipTransport server, string name) =>
        new(SipTransportKind.Tls, server.LocalEndPoint!, ServerName: name);

    private static X509Certificate2 CreateAuthority()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Switchboard Test Trunk CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A server certificate for <paramref name="name"/> (and <paramref name="address"/>), signed by the test CA or <paramref name="issuer"/>.</summary>
    private X509Certificate2 Issue(string name, IPAddress? address = null, X509Certificate2? issuer = null)
    {
        issuer ??= _authority;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        if (address is not null)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12 so SslStream can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }
}
