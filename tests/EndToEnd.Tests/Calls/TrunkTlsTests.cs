using System.Globalization;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains.Edges;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Tls;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// A trunk over TLS, configured as a name whose <c>_sips._tcp</c> SRV records (dnsmasq) list two servers, on an edge
/// of its own that trusts only a CA made here (<c>Sip:TrunkTlsCaPath</c>). The first server's certificate names its
/// SRV target, sbc1.carrier.e2e.test, which is not the carrier's identity (RFC 5922 §4): the edge refuses it and
/// moves to the second, whose certificate names carrier.e2e.test, and the call is connected there over TLS.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class TrunkTlsTests(EdgeCluster cluster) : IDisposable
{
    private readonly string _caPath = Path.Combine(Path.GetTempPath(), $"trunk-ca-{Guid.NewGuid():N}.pem");

    [Fact]
    public async Task Outbound_SrvTlsTrunk_CertificateForTheSrvTargetRefused_ServerNamingTheDomainAnswers()
    {
        using var authority = new TestCertificateAuthority();
        File.Copy(authority.CaPath, _caPath, overwrite: true);
        var (targetNamed, domainNamed) = cluster.SrvTlsCarrierPorts;
        await using var impostor = new TlsCarrier(targetNamed, authority.IssueServer($"sbc1.{EdgeCluster.SrvCarrier}"));
        await using var carrier = new TlsCarrier(domainNamed, authority.IssueServer(EdgeCluster.SrvCarrier));
        await cluster.Provisioning.SrvTrunkAsync("carrier-srv-tls", EdgeCluster.SrvCarrier, SipTransport.Tls);
        await using var edge = await SecondEdge.StartAsync(cluster.Silo, new Dictionary<string, string?>
        {
            ["Sip:Dns:NameServers:0"] = cluster.NameServer,
            ["Sip:TlsPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Sip:TlsSelfSigned"] = "true",
            ["Sip:TrunkTlsCaPath"] = _caPath,
        });

        var result = await SippRunner.RunAsync(new SippRun("uac_call.xml")
        {
            Remote = "127.0.0.1:" + edge.Port.ToString(CultureInfo.InvariantCulture),
            Service = "4930555126",
            AuthUser = "1001",
            AuthPassword = Provisioning.Password("1001"),
            Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
            Timeout = TimeSpan.FromSeconds(15),
        });

        result.AssertSucceeded();
        Assert.True(impostor.ConnectionsAccepted > 0, "the edge never tried the first SRV server");
        Assert.Empty(impostor.Received);
        Assert.Equal(1, carrier.Count("INVITE"));

        // The caller's BYE is answered by the edge while it ends the carrier leg: that BYE may land a moment later.
        for (var waited = 0; waited < 50 && carrier.Count("BYE") == 0; waited++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, carrier.Count("BYE"));
    }

    public void Dispose() => File.Delete(_caPath);
}
