using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
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
    /// 486 still beats it on a loaded 2-core machine (at 3 s a CI run under load once saw 480 for the busy test).
    /// </summary>
    public const int RingTimeoutSeconds = 5;

    private RunningSilo? _silo;

    public RunningSilo Silo => _silo ?? throw new InvalidOperationException("Silo not started");

    public IGrainFactory Grains => Silo.GrainFactory;

    public Provisioning Provisioning { get; private set; } = null!;

    /// <summary>host:port of the co-hosted edge's SIP listener.</summary>
    public string EdgeAddress => $"127.0.0.1:{Silo.SipPort}";

    public string EdgeId => Silo.Services.GetRequiredService<IOptions<SipOptions>>().Value.ResolveEdgeId();

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Sip:RingTimeoutSeconds"] = RingTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sip:Md5ChallengeFirst"] = "true", // sipp answers only the first challenge, and only MD5
            ["Media:PortMin"] = "36000",
            ["Media:PortMax"] = "36999",
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
    }
}
