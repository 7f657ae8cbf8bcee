using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.TestKit.Dns;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>
/// One embedded silo host (the real <c>src/Silo</c> host, edge co-hosted) on free loopback ports, with a tenant
/// provisioned through the grains; shared by the sipp tests of the <see cref="EdgeCollection"/>.
/// </summary>
public sealed class EdgeCluster : IAsyncLifetime
{
    /// <summary>
    /// Short ring timeout so the no-answer test takes seconds, not half a minute, yet long enough that a busy callee's
    /// 486 still beats it on a loaded 2-core machine (at 3 s a CI run under load once saw 480 for the busy test), and
    /// that the shortest no-answer forwarding (5 s) moves a call on before it.
    /// </summary>
    public const int RingTimeoutSeconds = 8;

    /// <summary>The carrier name whose SRV records (<c>_sip._udp</c>) the DNS server below publishes.</summary>
    public const string SrvCarrier = "carrier.e2e.test";

    private RunningSilo? _silo;

    private DnsmasqServer? _dns;

    /// <summary>
    /// The two ports <see cref="SrvCarrier"/>'s SRV records point at on 127.0.0.1, in priority order. Chosen before the
    /// edge starts because the DNS server (the edge's <c>Sip:Dns:NameServers</c>) is started with its records.
    /// </summary>
    public (int Primary, int Backup) SrvCarrierPorts { get; } = (FreePorts.Next(), FreePorts.Next());

    /// <summary>The same for <c>_sip._tcp</c>: nothing listens on the first port, so its connection is refused.</summary>
    public (int Refused, int Backup) SrvTcpCarrierPorts { get; } = (FreePorts.Next(), FreePorts.Next());

    /// <summary>
    /// The same for <c>_sips._tcp</c>: the first server's certificate names its SRV target (sbc1), not the carrier's
    /// domain, so it must be refused (RFC 5922 §4); the second's names the domain.
    /// </summary>
    public (int SrvTargetName, int Backup) SrvTlsCarrierPorts { get; } = (FreePorts.Next(), FreePorts.Next());

    /// <summary>The DNS server's address, for an edge of a test's own (<c>Sip:Dns:NameServers:0</c>).</summary>
    public string NameServer => _dns?.NameServer ?? throw new InvalidOperationException("DNS server not started");

    /// <summary>The admin API's bootstrap operator key, for tests that drive the API or the operations page.</summary>
    public string OperatorKey { get; } = $"sbk_e2e_{Guid.NewGuid():N}";

    public RunningSilo Silo => _silo ?? throw new InvalidOperationException("Silo not started");

    public IGrainFactory Grains => Silo.GrainFactory;

    public Provisioning Provisioning { get; private set; } = null!;

    /// <summary>host:port of the co-hosted edge's SIP listener.</summary>
    public string EdgeAddress => $"127.0.0.1:{Silo.SipPort}";

    public string EdgeId => Silo.Services.GetRequiredService<IOptions<SipOptions>>().Value.ResolveEdgeId();

    public async Task InitializeAsync()
    {
        // RFC 3263: the edge finds the SRV trunk's servers through this server; every other trunk host is an IP.
        _dns = await DnsmasqServer.StartAsync(
            DnsmasqServer.Srv($"_sip._udp.{SrvCarrier}", $"sbc1.{SrvCarrier}", SrvCarrierPorts.Primary, 10, 0),
            DnsmasqServer.Srv($"_sip._udp.{SrvCarrier}", $"sbc2.{SrvCarrier}", SrvCarrierPorts.Backup, 20, 0),
            DnsmasqServer.Srv($"_sip._tcp.{SrvCarrier}", $"sbc1.{SrvCarrier}", SrvTcpCarrierPorts.Refused, 10, 0),
            DnsmasqServer.Srv($"_sip._tcp.{SrvCarrier}", $"sbc2.{SrvCarrier}", SrvTcpCarrierPorts.Backup, 20, 0),
            DnsmasqServer.Srv($"_sips._tcp.{SrvCarrier}", $"sbc1.{SrvCarrier}", SrvTlsCarrierPorts.SrvTargetName, 10, 0),
            DnsmasqServer.Srv($"_sips._tcp.{SrvCarrier}", $"sbc2.{SrvCarrier}", SrvTlsCarrierPorts.Backup, 20, 0),
            DnsmasqServer.Host($"sbc1.{SrvCarrier}", "127.0.0.1"),
            DnsmasqServer.Host($"sbc2.{SrvCarrier}", "127.0.0.1"));
        _silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sip:Dns:NameServers:0"] = _dns.NameServer,
            ["Sip:RingTimeoutSeconds"] = RingTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Media:PortMin"] = "36000",
            ["Media:PortMax"] = "36999",

            // No OPTIONS pings to carriers here: a sipp UAS playing a carrier fails on a request its scenario does not
            // expect. TrunkPingTests turns them on for an edge of its own.
            ["Sip:TrunkPingSeconds"] = "0",
            ["Admin:BootstrapKey"] = OperatorKey,

            // The operations page test wants several chart samples within seconds.
            ["Ops:ChartSampleSeconds"] = "1",
        });
        Provisioning = new Provisioning(Silo);
        await Provisioning.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_dns is not null)
        {
            await _dns.DisposeAsync();
        }
    }
}
